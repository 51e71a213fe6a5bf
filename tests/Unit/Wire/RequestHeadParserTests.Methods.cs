using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>The parser reads any method and any body framing: which ones are served is each listener's decision.</summary>
public sealed partial class RequestHeadParserTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1", RequestMethod.Get, "GET")]
    [InlineData("HEAD / HTTP/1.1", RequestMethod.Head, "HEAD")]
    [InlineData("OPTIONS * HTTP/1.1", RequestMethod.Options, "OPTIONS")]
    [InlineData("SOURCE /rec/a.mp3 HTTP/1.0", RequestMethod.Source, "SOURCE")]
    [InlineData("PUT /rec/a.mp3 HTTP/1.1", RequestMethod.Put, "PUT")]
    [InlineData("POST /api/streams HTTP/1.1", RequestMethod.Post, "POST")]
    [InlineData("DELETE /api/media/a HTTP/1.1", RequestMethod.Delete, "DELETE")]
    [InlineData("CONNECT /x HTTP/1.1", RequestMethod.Other, "CONNECT")]
    [InlineData("get / HTTP/1.1", RequestMethod.Other, "get")]
    [InlineData("Source /rec/a.mp3 HTTP/1.0", RequestMethod.Other, "Source")]
    [InlineData("X-PROBE! /a HTTP/1.0", RequestMethod.Other, "X-PROBE!")]
    public void Parse_AnyTokenMethod_ReadWithItsNameAsSent(string requestLine, RequestMethod method, string name)
    {
        var head = HeadParse.Head(HeadParse.Parse(requestLine + "\r\nHost: x\r\n\r\n"));

        Assert.Equal(method, head.Method);
        Assert.Equal(name, head.MethodName);
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked")]
    [InlineData("transfer-encoding: identity")]
    [InlineData("Content-Length: 0\r\nTransfer-Encoding: chunked")]
    public void Parse_TransferEncoding_IsRecordedAsABody(string lines)
    {
        var head = HeadParse.Head(HeadParse.Parse($"PUT /rec/a.mp3 HTTP/1.1\r\n{lines}\r\n\r\n"));

        Assert.True(head.HasTransferEncoding);
        Assert.True(head.HasBody);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("Content-Length: 0\r\n", false)]
    [InlineData("Content-Length: 1\r\n", true)]
    public void Parse_ContentLength_TellsWhetherABodyFollows(string lines, bool hasBody)
    {
        var head = HeadParse.Head(HeadParse.Parse($"GET /m/a.wav HTTP/1.1\r\n{lines}\r\n"));

        Assert.False(head.HasTransferEncoding);
        Assert.Equal(hasBody, head.HasBody);
    }
}
