using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

/// <summary>What the parser makes of the heads real source clients send.</summary>
public sealed partial class ShoutRequestParserTests
{
    private static readonly byte[] Mp3Body = [0xFF, 0xE3, 0x28, 0xC4, 0x00, 0x00, 0x0D, 0x0A, 0x0D, 0x0A];

    public static TheoryData<string> ClientHeads => new(ShoutHeads.All.Keys);

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_ClientHead_ReadsRequestLineAndHeaders(string client)
    {
        var expected = ShoutHeads.All[client];

        var result = ShoutParse.Parse(expected.Text);

        var head = ShoutParse.Head(result);
        Assert.Equal(ShoutRejection.None, result.Rejection);
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
        var text = ShoutHeads.All[client].Text;

        var result = ShoutParse.Parse([.. ShoutParse.Bytes(text), .. Mp3Body]);

        Assert.Equal(ShoutParseStatus.Complete, result.Status);
        Assert.Equal(text.Length, result.Consumed);
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_EveryProperPrefix_IsIncomplete(string client)
    {
        var bytes = ShoutParse.Bytes(ShoutHeads.All[client].Text);

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = ShoutParse.Parse(bytes[..length]);
            Assert.True(result.Status == ShoutParseStatus.Incomplete, $"prefix of {length} bytes: {ShoutParse.Describe(result)}");
            Assert.Equal(0, result.Consumed);
        }

        Assert.Equal(ShoutParseStatus.Complete, ShoutParse.Parse(bytes).Status);
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_SplitAtEveryPosition_ParsesIdentically(string client)
    {
        var bytes = ShoutParse.Bytes(ShoutHeads.All[client].Text + "body");
        var expected = ShoutParse.Describe(ShoutParse.Parse(bytes));

        for (var position = 0; position <= bytes.Length; position++)
        {
            var sequence = SegmentedBuffer.SplitAt(bytes, position);
            Assert.False(sequence.IsSingleSegment);
            Assert.Equal(expected, ShoutParse.Describe(ShoutParse.Parse(sequence)));
        }
    }

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Parse_OneByteSegments_ParsesIdentically(string client)
    {
        var bytes = ShoutParse.Bytes(ShoutHeads.All[client].Text);

        var result = ShoutParse.Parse(SegmentedBuffer.OneBytePerSegment(bytes));

        Assert.Equal(ShoutParse.Describe(ShoutParse.Parse(bytes)), ShoutParse.Describe(result));
    }

    [Fact]
    public void Parse_LibshoutSource_LooksUpHeadersCaseInsensitively()
    {
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.LibshoutSource));

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
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.LibshoutSource));

        Assert.Equal("Host", head.Headers[0].Key);
        Assert.Equal("ice-public", head.Headers[4].Key);
        Assert.Equal(new KeyValuePair<string, string>("Content-Length", "0"), head.Headers[^1]);
    }

    [Fact]
    public void Parse_LibshoutAuthenticatedSource_AuthorizationFollowsRequestLine()
    {
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.LibshoutAuthenticatedSource));

        Assert.Equal("Authorization", head.Headers[0].Key);
        Assert.Equal(("source", "hackme"), BasicCredentials.Parse(head["authorization"]));
        Assert.Null(head.ContentLength);
    }

    [Fact]
    public void Parse_LibshoutPut_CarriesExpectContinue()
    {
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.LibshoutPut));

        Assert.Equal("100-continue", head["expect"]);
    }

    [Fact]
    public void Parse_Libshout222Source_HasNoHost()
    {
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.Libshout222Source));

        Assert.Null(head["Host"]);
        Assert.Equal("libshout/2.2.2", head["User-Agent"]);
    }

    [Fact]
    public void Parse_LibshoutOptions_CarriesUpgradeHeaders()
    {
        var head = ShoutParse.Head(ShoutParse.Parse(ShoutHeads.LibshoutOptions));

        Assert.Equal("Upgrade", head["connection"]);
        Assert.Equal("TLS/1.0, HTTP/1.1", head["upgrade"]);
    }

    [Fact]
    public void Parse_PipelinedRequests_SecondHeadStartsAtConsumed()
    {
        var bytes = ShoutParse.Bytes(ShoutHeads.LibshoutOptions + ShoutHeads.LibshoutSource + ShoutHeads.LibshoutAuthenticatedSource);

        var first = ShoutParse.Parse(bytes);
        var second = ShoutParse.Parse(bytes[(int)first.Consumed..]);
        var third = ShoutParse.Parse(bytes[(int)(first.Consumed + second.Consumed)..]);

        Assert.Equal(ShoutMethod.Options, ShoutParse.Head(first).Method);
        Assert.Equal(0, ShoutParse.Head(second).ContentLength);
        Assert.NotNull(ShoutParse.Head(third)["Authorization"]);
        Assert.Equal(bytes.Length, first.Consumed + second.Consumed + third.Consumed);
    }

    [Theory]
    [InlineData("/rec/a%20b.mp3", "/rec/a b.mp3")]
    [InlineData("/rec/caf%C3%A9.mp3", "/rec/café.mp3")]
    [InlineData("/rec/a.mp3?x=%20", "/rec/a.mp3")]
    [InlineData("/rec/plain.mp3", "/rec/plain.mp3")]
    public void Parse_PercentEncodedTarget_PathIsDecodedTargetIsNot(string target, string path)
    {
        var head = ShoutParse.Head(ShoutParse.Parse($"SOURCE {target} HTTP/1.0\r\n\r\n"));

        Assert.Equal(target, head.Target);
        Assert.Equal(path, head.Path);
    }

    [Fact]
    public void Parse_BareLineFeeds_Accepted()
    {
        const string text = "SOURCE /rec/a.mp3 HTTP/1.0\nHost: x\nContent-Length: 0\n\n";

        var result = ShoutParse.Parse(text + "body");

        var head = ShoutParse.Head(result);
        Assert.Equal("x", head["Host"]);
        Assert.Equal(0, head.ContentLength);
        Assert.Equal(text.Length, result.Consumed);
    }

    [Fact]
    public void Parse_LeadingEmptyLines_ToleratedAndConsumed()
    {
        const string text = "\r\n\n\r\nSOURCE /rec/a.mp3 HTTP/1.0\r\n\r\n";

        var result = ShoutParse.Parse(text);

        Assert.Equal(ShoutMethod.Source, ShoutParse.Head(result).Method);
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
        var head = ShoutParse.Head(ShoutParse.Parse($"GET / HTTP/1.1\r\n{line}\r\n\r\n"));

        Assert.Equal(value, head["x-a"]);
    }

    [Fact]
    public void Parse_RepeatedEqualContentLength_Accepted()
    {
        var head = ShoutParse.Head(ShoutParse.Parse("PUT /rec/a.mp3 HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n"));

        Assert.Equal(5, head.ContentLength);
    }

    [Theory]
    [InlineData("GET", ShoutMethod.Get)]
    [InlineData("HEAD", ShoutMethod.Head)]
    [InlineData("OPTIONS", ShoutMethod.Options)]
    [InlineData("SOURCE", ShoutMethod.Source)]
    [InlineData("PUT", ShoutMethod.Put)]
    public void Parse_ServedMethod_Recognised(string method, ShoutMethod expected)
    {
        var head = ShoutParse.Head(ShoutParse.Parse($"{method} /m/x.mp3 HTTP/1.1\r\n\r\n"));

        Assert.Equal(expected, head.Method);
    }
}
