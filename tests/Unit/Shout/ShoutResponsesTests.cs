using System.Text;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

public sealed class ShoutResponsesTests
{
    [Theory]
    [InlineData(ShoutRejection.MalformedRequestLine, 400)]
    [InlineData(ShoutRejection.MalformedHeader, 400)]
    [InlineData(ShoutRejection.InvalidContentLength, 400)]
    [InlineData(ShoutRejection.HeadTooLarge, 431)]
    [InlineData(ShoutRejection.TooManyHeaders, 431)]
    [InlineData(ShoutRejection.UnsupportedVersion, 505)]
    [InlineData(ShoutRejection.MethodNotAllowed, 405)]
    [InlineData(ShoutRejection.UnsupportedTransferEncoding, 501)]
    [InlineData(ShoutRejection.HeadTimeout, 408)]
    public void StatusOf_EachRejection_MapsToItsStatus(ShoutRejection rejection, int status)
    {
        Assert.Equal(status, ShoutResponses.StatusOf(rejection));
    }

    [Fact]
    public void StatusOf_EveryRejectionButNone_IsAClientOrServerError()
    {
        foreach (var rejection in Enum.GetValues<ShoutRejection>().Where(r => r != ShoutRejection.None))
        {
            Assert.InRange(ShoutResponses.StatusOf(rejection), 400, 599);
        }
    }

    [Fact]
    public void SourceAccepted_IsIcecastsExactReply()
    {
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", Encoding.ASCII.GetString(ShoutResponses.SourceAccepted));
    }

    [Theory]
    [InlineData(401, true, true, "HTTP/1.1 401 Unauthorized\r\n")]
    [InlineData(401, false, true, "HTTP/1.0 401 Unauthorized\r\n")]
    [InlineData(431, false, false, "HTTP/1.0 431 Request Header Fields Too Large\r\n")]
    public void Status_AnswersInClientVersionWithEmptyBody(int status, bool http11, bool keepAlive, string statusLine)
    {
        var text = Encoding.ASCII.GetString(ShoutResponses.Status(status, http11, keepAlive));

        Assert.StartsWith(statusLine, text, StringComparison.Ordinal);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Equal(keepAlive && !http11, text.Contains("Connection: keep-alive\r\n", StringComparison.Ordinal));
        Assert.Equal(!keepAlive, text.Contains("Connection: close\r\n", StringComparison.Ordinal));
    }
}
