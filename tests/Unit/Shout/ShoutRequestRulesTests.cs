using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Wire;
using MediaOrleans.Tests.Wire;

namespace MediaOrleans.Tests.Shout;

public sealed class ShoutRequestRulesTests
{
    [Theory]
    [InlineData("DELETE /rec/a.mp3 HTTP/1.1")]
    [InlineData("POST /rec/a.mp3 HTTP/1.1")]
    [InlineData("CONNECT /x HTTP/1.1")]
    [InlineData("get / HTTP/1.1")]
    [InlineData("Source /rec/a.mp3 HTTP/1.0")]
    public void Refusal_UnservedMethod_IsMethodNotAllowed(string requestLine)
    {
        Assert.Equal(HeadRejection.MethodNotAllowed, ShoutRequestRules.Refusal(Head(requestLine + "\r\n\r\n")));
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked")]
    [InlineData("transfer-encoding: identity")]
    [InlineData("Content-Length: 0\r\nTransfer-Encoding: chunked")]
    public void Refusal_TransferEncoding_IsUnsupportedTransferEncoding(string lines)
    {
        Assert.Equal(HeadRejection.UnsupportedTransferEncoding, ShoutRequestRules.Refusal(Head($"PUT /rec/a.mp3 HTTP/1.1\r\n{lines}\r\n\r\n")));
    }

    public static TheoryData<string> ClientHeads => new(RealHeads.All.Keys);

    [Theory]
    [MemberData(nameof(ClientHeads))]
    public void Refusal_EveryRealClientHead_IsServed(string client)
    {
        Assert.Equal(HeadRejection.None, ShoutRequestRules.Refusal(Head(RealHeads.All[client].Text)));
    }

    private static RequestHead Head(string text) => HeadParse.Head(HeadParse.Parse(text));
}
