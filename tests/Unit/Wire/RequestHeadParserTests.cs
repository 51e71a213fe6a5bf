using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>What the parser makes of the heads real source clients send.</summary>
public sealed partial class RequestHeadParserTests
{
    private static readonly byte[] Mp3Body = [0xFF, 0xE3, 0x28, 0xC4, 0x00, 0x00, 0x0D, 0x0A, 0x0D, 0x0A];

    public static TheoryData<string> ClientHeads => new(RealHeads.All.Keys);

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_ClientHead_ReadsRequestLineAndHeaders(string client)
    {
        var expected = RealHeads.All[client];

        var result = HeadParse.Parse(expected.Text);

        var head = HeadParse.Head(result);
        Assert.Equal(HeadRejection.None, result.Rejection);
        Assert.Equal(expected.Method, head.Method);
        Assert.Equal(expected.Target, head.Target);
        Assert.Equal(expected.Path, head.Path);
        Assert.Equal(expected.IsHttp11, head.IsHttp11);
        Assert.Equal(expected.KeepAlive, head.KeepAlive);
        Assert.Equal(expected.ContentLength, head.ContentLength);
        Assert.Equal(expected.HeaderCount, head.Headers.Count);
        Assert.Equal(expected.Text.Length, result.Consumed);
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_HeadFollowedByBody_ConsumesOnlyTheHead(string client)
    {
        var text = RealHeads.All[client].Text;

        var result = HeadParse.Parse([.. HeadParse.Bytes(text), .. Mp3Body]);

        Assert.Equal(HeadParseStatus.Complete, result.Status);
        Assert.Equal(text.Length, result.Consumed);
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_EveryProperPrefix_IsIncomplete(string client)
    {
        var bytes = HeadParse.Bytes(RealHeads.All[client].Text);

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = HeadParse.Parse(bytes[..length]);
            Assert.True(result.Status == HeadParseStatus.Incomplete, $"prefix of {length} bytes: {HeadParse.Describe(result)}");
            Assert.Equal(0, result.Consumed);
        }

        Assert.Equal(HeadParseStatus.Complete, HeadParse.Parse(bytes).Status);
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_SplitAtEveryPosition_ParsesIdentically(string client)
    {
        var bytes = HeadParse.Bytes(RealHeads.All[client].Text + "body");
        var expected = HeadParse.Describe(HeadParse.Parse(bytes));

        for (var position = 0; position <= bytes.Length; position++)
        {
            var sequence = SegmentedBuffer.SplitAt(bytes, position);
            Assert.False(sequence.IsSingleSegment);
            Assert.Equal(expected, HeadParse.Describe(HeadParse.Parse(sequence)));
        }
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_OneByteSegments_ParsesIdentically(string client)
    {
        var bytes = HeadParse.Bytes(RealHeads.All[client].Text);

        var result = HeadParse.Parse(SegmentedBuffer.OneBytePerSegment(bytes));

        Assert.Equal(HeadParse.Describe(HeadParse.Parse(bytes)), HeadParse.Describe(result));
    }

    [Fact]
    public void Parse_LibshoutSource_LooksUpHeadersCaseInsensitively()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.LibshoutSource));

        Assert.Equal("127.0.0.1:24518", head["HOST"]);
        Assert.Equal("libshout/2.4.6", head["user-agent"]);
        Assert.Equal("audio/mpeg", head["Content-Type"]);
        Assert.Equal("no name", head["ICE-NAME"]);
        Assert.Equal("0", head["Ice-Public"]);
        Assert.Equal("bitrate=24000", head["ice-audio-info"]);
        Assert.Equal("FreeSWITCH mod_shout Broadcasting Module", head["ice-description"]);
        Assert.Equal("return=minimal", head["prefer"]);
        Assert.Null(head["Authorization"]);
    }

    [Fact]
    public void Parse_LibshoutSource_KeepsHeaderOrderAndNamesAsSent()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.LibshoutSource));

        Assert.Equal("Host", head.Headers[0].Key);
        Assert.Equal("ice-public", head.Headers[4].Key);
        Assert.Equal(new KeyValuePair<string, string>("Content-Length", "0"), head.Headers[^1]);
    }

    [Fact]
    public void Parse_LibshoutAuthenticatedSource_AuthorizationFollowsRequestLine()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.LibshoutAuthenticatedSource));

        Assert.Equal("Authorization", head.Headers[0].Key);
        Assert.Equal(("source", "hackme"), BasicCredentials.Parse(head["authorization"]));
        Assert.Null(head.ContentLength);
    }

    [Fact]
    public void Parse_LibshoutPut_CarriesExpectContinue()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.LibshoutPut));

        Assert.Equal("100-continue", head["expect"]);
    }

    [Fact]
    public void Parse_Libshout222Source_HasNoHost()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.Libshout222Source));

        Assert.Null(head["Host"]);
        Assert.Equal("libshout/2.2.2", head["User-Agent"]);
    }

    [Fact]
    public void Parse_LibshoutOptions_CarriesUpgradeHeaders()
    {
        var head = HeadParse.Head(HeadParse.Parse(RealHeads.LibshoutOptions));

        Assert.Equal("Upgrade", head["connection"]);
        Assert.Equal("TLS/1.0, HTTP/1.1", head["upgrade"]);
    }

    [Fact]
    public void Parse_PipelinedRequests_SecondHeadStartsAtConsumed()
    {
        var bytes = HeadParse.Bytes(RealHeads.LibshoutOptions + RealHeads.LibshoutSource + RealHeads.LibshoutAuthenticatedSource);

        var first = HeadParse.Parse(bytes);
        var second = HeadParse.Parse(bytes[(int)first.Consumed..]);
        var third = HeadParse.Parse(bytes[(int)(first.Consumed + second.Consumed)..]);

        Assert.Equal(RequestMethod.Options, HeadParse.Head(first).Method);
        Assert.Equal(0, HeadParse.Head(second).ContentLength);
        Assert.NotNull(HeadParse.Head(third)["Authorization"]);
        Assert.Equal(bytes.Length, first.Consumed + second.Consumed + third.Consumed);
    }

    [Theory]
    [InlineData("/rec/a%20b.mp3", "/rec/a b.mp3")]
    [InlineData("/rec/caf%C3%A9.mp3", "/rec/café.mp3")]
    [InlineData("/rec/a.mp3?x=%20", "/rec/a.mp3")]
    [InlineData("/rec/plain.mp3", "/rec/plain.mp3")]
    public void Parse_PercentEncodedTarget_PathIsDecodedTargetIsNot(string target, string path)
    {
        var head = HeadParse.Head(HeadParse.Parse($"SOURCE {target} HTTP/1.0\r\n\r\n"));

        Assert.Equal(target, head.Target);
        Assert.Equal(path, head.Path);
    }

    [Fact]
    public void Parse_BareLineFeeds_Accepted()
    {
        const string text = "SOURCE /rec/a.mp3 HTTP/1.0\nHost: x\nContent-Length: 0\n\n";

        var result = HeadParse.Parse(text + "body");

        var head = HeadParse.Head(result);
        Assert.Equal("x", head["Host"]);
        Assert.Equal(0, head.ContentLength);
        Assert.Equal(text.Length, result.Consumed);
    }

    [Fact]
    public void Parse_LeadingEmptyLines_ToleratedAndConsumed()
    {
        const string text = "\r\n\n\r\nSOURCE /rec/a.mp3 HTTP/1.0\r\n\r\n";

        var result = HeadParse.Parse(text);

        Assert.Equal(RequestMethod.Source, HeadParse.Head(result).Method);
        Assert.Equal(text.Length, result.Consumed);
    }

    [Theory]
    [InlineData("X-A: value", "value")]
    [InlineData("X-A:value", "value")]
    [InlineData("X-A: \t value \t ", "value")]
    [InlineData("X-A:", "")]
    [InlineData("X-A: a b\tc", "a b\tc")]
    [InlineData("X-A: caf\u00E9", "café")]
    public void Parse_HeaderValue_TrimmedOfSpacesAndTabs(string line, string value)
    {
        var head = HeadParse.Head(HeadParse.Parse($"GET / HTTP/1.1\r\n{line}\r\n\r\n"));

        Assert.Equal(value, head["x-a"]);
    }

    [Fact]
    public void Parse_RepeatedEqualContentLength_Accepted()
    {
        var head = HeadParse.Head(HeadParse.Parse("PUT /rec/a.mp3 HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n"));

        Assert.Equal(5, head.ContentLength);
    }

    [Theory]
    [InlineData("GET", RequestMethod.Get)]
    [InlineData("HEAD", RequestMethod.Head)]
    [InlineData("OPTIONS", RequestMethod.Options)]
    [InlineData("SOURCE", RequestMethod.Source)]
    [InlineData("PUT", RequestMethod.Put)]
    public void Parse_ServedMethod_Recognised(string method, RequestMethod expected)
    {
        var head = HeadParse.Head(HeadParse.Parse($"{method} /m/x.mp3 HTTP/1.1\r\n\r\n"));

        Assert.Equal(expected, head.Method);
    }
}
