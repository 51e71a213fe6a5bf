using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>Every rejection reason, and that a bad line is refused as soon as it is complete.</summary>
public sealed partial class RequestHeadParserTests
{
    [Theory]
    [InlineData("SOURCE\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3\r\n\r\n")]
    [InlineData("SOURCE  HTTP/1.0\r\n\r\n")]
    [InlineData(" SOURCE /rec/a.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE\t/rec/a.mp3\tHTTP/1.0\r\n\r\n")]
    [InlineData("SOU(RCE /rec/a.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE: /rec/a.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a b.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a\u0001b.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a\u007Fb.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a\u00E9.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3\rx HTTP/1.0\r\n\r\n")]
    [InlineData("GET * HTTP/1.1\r\n\r\n")]
    [InlineData("SOURCE * HTTP/1.0\r\n\r\n")]
    [InlineData("PUT * HTTP/1.1\r\n\r\n")]
    [InlineData("SOURCE rec/a.mp3 HTTP/1.0\r\n\r\n")]
    [InlineData("GET http://host/m/a.mp3 HTTP/1.1\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3 HTTX/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3 http/1.0\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3 HTTP/1.10\r\n\r\n")]
    [InlineData("SOURCE /rec/a.mp3 ICE/1.0\r\n\r\n")]
    public void Parse_BadRequestLine_RejectedAsMalformedRequestLine(string text)
    {
        AssertRejected(text, HeadRejection.MalformedRequestLine);
    }

    [Theory]
    [InlineData("Host example.com")]
    [InlineData("Host : example.com")]
    [InlineData("Host\t: example.com")]
    [InlineData(": no-name")]
    [InlineData("Ho(st: example.com")]
    [InlineData(" ice-name: folded")]
    [InlineData("\tice-name: folded")]
    [InlineData("X-A: a\u0001b")]
    [InlineData("X-A: a\u0000b")]
    [InlineData("X-A: a\u007Fb")]
    [InlineData("X-A: a\rb")]
    [InlineData("X-A: a\u001B[31m")]
    public void Parse_BadHeaderLine_RejectedAsMalformedHeader(string line)
    {
        AssertRejected($"SOURCE /rec/a.mp3 HTTP/1.0\r\nHost: x\r\n{line}\r\n\r\n", HeadRejection.MalformedHeader);
    }

    [Fact]
    public void Parse_ObsFoldContinuationLine_RejectedAsMalformedHeader()
    {
        AssertRejected("SOURCE /rec/a.mp3 HTTP/1.0\r\nice-description: FreeSWITCH\r\n  mod_shout\r\n\r\n", HeadRejection.MalformedHeader);
    }

    [Theory]
    [InlineData("Content-Length: abc")]
    [InlineData("Content-Length: -1")]
    [InlineData("Content-Length: +1")]
    [InlineData("Content-Length: 1.5")]
    [InlineData("Content-Length: 0x10")]
    [InlineData("Content-Length: 1 2")]
    [InlineData("Content-Length: 5, 5")]
    [InlineData("Content-Length:")]
    [InlineData("Content-Length: 99999999999999999999")]
    [InlineData("Content-Length: 5\r\nContent-Length: 6")]
    [InlineData("Content-Length: 0\r\ncontent-length: 1")]
    public void Parse_BadContentLength_RejectedAsInvalidContentLength(string lines)
    {
        AssertRejected($"PUT /rec/a.mp3 HTTP/1.1\r\n{lines}\r\n\r\n", HeadRejection.InvalidContentLength);
    }

    [Theory]
    [InlineData("SOURCE /rec/a.mp3 HTTP/2.0")]
    [InlineData("GET / HTTP/1.2")]
    [InlineData("GET / HTTP/0.9")]
    [InlineData("GET / HTTP/3.0")]
    public void Parse_OtherHttpVersion_RejectedAsUnsupportedVersion(string requestLine)
    {
        AssertRejected(requestLine + "\r\n\r\n", HeadRejection.UnsupportedVersion);
    }

    [Theory]
    [InlineData("GET / HTTP/2.0\r\n", HeadRejection.UnsupportedVersion)]
    [InlineData("GET /a b HTTP/1.1\r\n", HeadRejection.MalformedRequestLine)]
    [InlineData("SOURCE /rec/a.mp3 HTTP/1.0\r\nHost example\r\n", HeadRejection.MalformedHeader)]
    [InlineData("SOURCE /rec/a.mp3 HTTP/1.0\n\u0000\u0001\u0002\n", HeadRejection.MalformedHeader)]
    public void Parse_BadLineBeforeHeadEnds_RejectedWithoutWaiting(string text, HeadRejection reason)
    {
        AssertRejected(text, reason);
    }

    [Fact]
    public void Parse_BinaryJunkInsteadOfRequest_RejectedOnceALineEnds()
    {
        AssertRejected("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00FC\u0003\u0003\n", HeadRejection.MalformedRequestLine);
    }

    private static void AssertRejected(string text, HeadRejection reason)
    {
        var result = HeadParse.Parse(text);

        Assert.Equal(HeadParseStatus.Rejected, result.Status);
        Assert.Equal(reason, result.Rejection);
        Assert.Null(result.Head);
        Assert.Equal(0, result.Consumed);
    }
}
