using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

/// <summary>Both sides of the byte and header-count limits.</summary>
public sealed partial class ShoutRequestParserTests
{
    private const string RequestLine = "SOURCE /rec/a.mp3 HTTP/1.0\r\n";

    [Fact]
    public void Parse_HeadOfExactlyMaxHeadBytes_Accepted()
    {
        var head = PaddedHead(ShoutParse.DefaultLimits.MaxHeadBytes);

        var result = ShoutParse.Parse(head);

        Assert.Equal(ShoutParseStatus.Complete, result.Status);
        Assert.Equal(ShoutParse.DefaultLimits.MaxHeadBytes, result.Consumed);
    }

    [Fact]
    public void Parse_HeadOfExactlyMaxHeadBytesFollowedByBody_AcceptedWithoutTheBody()
    {
        var head = PaddedHead(ShoutParse.DefaultLimits.MaxHeadBytes);

        var result = ShoutParse.Parse([.. head, .. Mp3Body]);

        Assert.Equal(ShoutParseStatus.Complete, result.Status);
        Assert.Equal(head.Length, result.Consumed);
    }

    [Fact]
    public void Parse_HeadOneByteOverMaxHeadBytes_RejectedAsHeadTooLarge()
    {
        var head = PaddedHead(ShoutParse.DefaultLimits.MaxHeadBytes + 1);

        var result = ShoutParse.Parse(head);

        Assert.Equal(ShoutParseStatus.Rejected, result.Status);
        Assert.Equal(ShoutRejection.HeadTooLarge, result.Rejection);
    }

    [Fact]
    public void Parse_MaxHeadBytesReceivedWithNoEndYet_RejectedAsHeadTooLarge()
    {
        var max = ShoutParse.DefaultLimits.MaxHeadBytes;
        var head = PaddedHead(max + 1);

        Assert.Equal(ShoutParseStatus.Incomplete, ShoutParse.Parse(head[..(max - 1)]).Status);
        Assert.Equal(ShoutRejection.HeadTooLarge, ShoutParse.Parse(head[..max]).Rejection);
    }

    [Fact]
    public void Parse_MaxHeadBytesWithNoLineEndAtAll_RejectedAsHeadTooLarge()
    {
        var max = ShoutParse.DefaultLimits.MaxHeadBytes;
        var junk = Enumerable.Repeat((byte)'A', max).ToArray();

        Assert.Equal(ShoutParseStatus.Incomplete, ShoutParse.Parse(junk[..^1]).Status);
        Assert.Equal(ShoutRejection.HeadTooLarge, ShoutParse.Parse(junk).Rejection);
        Assert.Equal(ShoutRejection.HeadTooLarge, ShoutParse.Parse([.. junk, .. junk]).Rejection);
    }

    [Fact]
    public void Parse_HeadTooLargeInSegments_RejectedLikeOneSegment()
    {
        var max = ShoutParse.DefaultLimits.MaxHeadBytes;
        var over = PaddedHead(max + 1);
        var exact = PaddedHead(max);

        foreach (var position in new[] { 1, 100, max - 1, max, max + 1 })
        {
            Assert.Equal(ShoutRejection.HeadTooLarge, ShoutParse.Parse(SegmentedBuffer.SplitAt(over, position)).Rejection);
        }

        foreach (var position in new[] { 1, 100, max - 1, max })
        {
            Assert.Equal(max, ShoutParse.Parse(SegmentedBuffer.SplitAt(exact, position)).Consumed);
        }
    }

    [Fact]
    public void Parse_SmallLimits_BoundaryHoldsOnBothSides()
    {
        var limits = new ShoutParserLimits(256, 8);

        Assert.Equal(ShoutParseStatus.Complete, ShoutParse.Parse(PaddedHead(256), limits).Status);
        Assert.Equal(ShoutRejection.HeadTooLarge, ShoutParse.Parse(PaddedHead(257), limits).Rejection);
    }

    [Fact]
    public void Parse_ExactlyMaxHeaderCount_Accepted()
    {
        var max = ShoutParse.DefaultLimits.MaxHeaderCount;

        var head = ShoutParse.Head(ShoutParse.Parse(HeadWithHeaders(max)));

        Assert.Equal(max, head.Headers.Count);
    }

    [Fact]
    public void Parse_OneHeaderOverMaxHeaderCount_RejectedAsTooManyHeaders()
    {
        var max = ShoutParse.DefaultLimits.MaxHeaderCount;

        var result = ShoutParse.Parse(HeadWithHeaders(max + 1));

        Assert.Equal(ShoutParseStatus.Rejected, result.Status);
        Assert.Equal(ShoutRejection.TooManyHeaders, result.Rejection);
    }

    [Fact]
    public void Parse_OneHeaderOverMaxHeaderCount_RejectedBeforeTheHeadEnds()
    {
        var max = ShoutParse.DefaultLimits.MaxHeaderCount;
        var text = HeadWithHeaders(max + 1);

        var result = ShoutParse.Parse(text[..^2]);

        Assert.Equal(ShoutRejection.TooManyHeaders, result.Rejection);
    }

    /// <summary>A valid head of exactly <paramref name="length"/> bytes, padded by one header.</summary>
    private static byte[] PaddedHead(int length)
    {
        const string padName = "X-Pad: ";
        var fixedLength = RequestLine.Length + padName.Length + "\r\n\r\n".Length;
        var head = RequestLine + padName + new string('p', length - fixedLength) + "\r\n\r\n";
        Assert.Equal(length, head.Length);
        return ShoutParse.Bytes(head);
    }

    private static string HeadWithHeaders(int count)
    {
        var text = new StringBuilder(RequestLine);
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"X-Header-{i}: {i}\r\n");
        }

        return text.Append("\r\n").ToString();
    }
}
