using System.Text;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

public sealed class ShoutRepliesTests
{
    [Fact]
    public void SourceAccepted_IsIcecastsExactReply()
    {
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", Encoding.ASCII.GetString(ShoutReplies.SourceAccepted));
    }

    [Theory]
    [InlineData(401, true, true, "HTTP/1.1 401 Unauthorized\r\n")]
    [InlineData(401, false, true, "HTTP/1.0 401 Unauthorized\r\n")]
    [InlineData(431, false, false, "HTTP/1.0 431 Request Header Fields Too Large\r\n")]
    public void Status_AnswersInClientVersionWithEmptyBody(int status, bool http11, bool keepAlive, string statusLine)
    {
        var text = Encoding.ASCII.GetString(ShoutReplies.Status(status, http11, keepAlive));

        Assert.StartsWith(statusLine, text, StringComparison.Ordinal);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Equal(keepAlive && !http11, text.Contains("Connection: keep-alive\r\n", StringComparison.Ordinal));
        Assert.Equal(!keepAlive, text.Contains("Connection: close\r\n", StringComparison.Ordinal));
    }
}
