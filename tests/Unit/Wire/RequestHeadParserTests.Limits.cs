using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>Both sides of the byte and header-count limits.</summary>
public sealed partial class RequestHeadParserTests
{
    private const string RequestLine = "SOURCE /rec/a.mp3 HTTP/1.0\r\n";

    [Fact]
    public void Parse_HeadOfExactlyMaxHeadBytes_Accepted()
    {
        var head = PaddedHead(HeadParse.DefaultLimits.MaxHeadBytes);

        var result = HeadParse.Parse(head);

        Assert.Equal(HeadParseStatus.Complete, result.Status);
        Assert.Equal(HeadParse.DefaultLimits.MaxHeadBytes, result.Consumed);
    }

    [Fact]
    public void Parse_HeadOfExactlyMaxHeadBytesFollowedByBody_AcceptedWithoutTheBody()
    {
        var head = PaddedHead(HeadParse.DefaultLimits.MaxHeadBytes);

        var result = HeadParse.Parse([.. head, .. Mp3Body]);

        Assert.Equal(HeadParseStatus.Complete, result.Status);
        Assert.Equal(head.Length, result.Consumed);
    }

    [Fact]
    public void Parse_HeadOneByteOverMaxHeadBytes_RejectedAsHeadTooLarge()
    {
        var head = PaddedHead(HeadParse.DefaultLimits.MaxHeadBytes + 1);

        var result = HeadParse.Parse(head);

        Assert.Equal(HeadParseStatus.Rejected, result.Status);
        Assert.Equal(HeadRejection.HeadTooLarge, result.Rejection);
    }

    [Fact]
    public void Parse_MaxHeadBytesReceivedWithNoEndYet_RejectedAsHeadTooLarge()
    {
        var max = HeadParse.DefaultLimits.MaxHeadBytes;
        var head = PaddedHead(max + 1);

        Assert.Equal(HeadParseStatus.Incomplete, HeadParse.Parse(head[..(max - 1)]).Status);
        Assert.Equal(HeadRejection.HeadTooLarge, HeadParse.Parse(head[..max]).Rejection);
    }

    [Fact]
    public void Parse_MaxHeadBytesWithNoLineEndAtAll_RejectedAsHeadTooLarge()
    {
        var max = HeadParse.DefaultLimits.MaxHeadBytes;
        var junk = Enumerable.Repeat((byte)'A', max).ToArray();

        Assert.Equal(HeadParseStatus.Incomplete, HeadParse.Parse(junk[..^1]).Status);
        Assert.Equal(HeadRejection.HeadTooLarge, HeadParse.Parse(junk).Rejection);
        Assert.Equal(HeadRejection.HeadTooLarge, HeadParse.Parse([.. junk, .. junk]).Rejection);
    }

    [Fact]
    public void Parse_HeadTooLargeInSegments_RejectedLikeOneSegment()
    {
        var max = HeadParse.DefaultLimits.MaxHeadBytes;
        var over = PaddedHead(max + 1);
        var exact = PaddedHead(max);

        foreach (var position in new[] { 1, 100, max - 1, max, max + 1 })
        {
            Assert.Equal(HeadRejection.HeadTooLarge, HeadParse.Parse(SegmentedBuffer.SplitAt(over, position)).Rejection);
        }

        foreach (var position in new[] { 1, 100, max - 1, max })
        {
            Assert.Equal(max, HeadParse.Parse(SegmentedBuffer.SplitAt(exact, position)).Consumed);
        }
    }

    [Fact]
    public void Parse_SmallLimits_BoundaryHoldsOnBothSides()
    {
        var limits = new HeadLimits(256, 8);

        Assert.Equal(HeadParseStatus.Complete, HeadParse.Parse(PaddedHead(256), limits).Status);
        Assert.Equal(HeadRejection.HeadTooLarge, HeadParse.Parse(PaddedHead(257), limits).Rejection);
    }

    [Fact]
    public void Parse_ExactlyMaxHeaderCount_Accepted()
    {
        var max = HeadParse.DefaultLimits.MaxHeaderCount;

        var head = HeadParse.Head(HeadParse.Parse(HeadWithHeaders(max)));

        Assert.Equal(max, head.Headers.Count);
    }

    [Fact]
    public void Parse_OneHeaderOverMaxHeaderCount_RejectedAsTooManyHeaders()
    {
        var max = HeadParse.DefaultLimits.MaxHeaderCount;

        var result = HeadParse.Parse(HeadWithHeaders(max + 1));

        Assert.Equal(HeadParseStatus.Rejected, result.Status);
        Assert.Equal(HeadRejection.TooManyHeaders, result.Rejection);
    }

    [Fact]
    public void Parse_OneHeaderOverMaxHeaderCount_RejectedBeforeTheHeadEnds()
    {
        var max = HeadParse.DefaultLimits.MaxHeaderCount;
        var text = HeadWithHeaders(max + 1);

        var result = HeadParse.Parse(text[..^2]);

        Assert.Equal(HeadRejection.TooManyHeaders, result.Rejection);
    }

    /// <summary>A valid head of exactly <paramref name="length"/> bytes, padded by one header.</summary>
    private static byte[] PaddedHead(int length)
    {
        const string padName = "X-Pad: ";
        var fixedLength = RequestLine.Length + padName.Length + "\r\n\r\n".Length;
        var head = RequestLine + padName + new string('p', length - fixedLength) + "\r\n\r\n";
        Assert.Equal(length, head.Length);
        return HeadParse.Bytes(head);
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
