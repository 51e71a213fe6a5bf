using MediaOrleans.Client.Recordings;

namespace MediaOrleans.Tests.Client;

public sealed class SourceCredentialsTests
{
    [Fact]
    public void FromUrl_ReadsUserAndPassword()
    {
        var credentials = SourceCredentials.FromUrl("shout://recAbC-_12:p4ss_w-rd@127.0.0.1:24518/rec/calls/1.mp3");

        Assert.Equal(new SourceCredentials("recAbC-_12", "p4ss_w-rd"), credentials);
    }

    [Fact]
    public void FromUrl_UnescapesPercentEncoding()
    {
        Assert.Equal(new SourceCredentials("a b", "c:d"), SourceCredentials.FromUrl("shout://a%20b:c%3Ad@h:1/rec/x.mp3"));
    }

    [Theory]
    [InlineData("http://u:p@h:1/rec/x.mp3")]
    [InlineData("shout://h:1/rec/x.mp3")]
    [InlineData("shout://u@h:1/rec/x.mp3")]
    [InlineData("not a url")]
    public void FromUrl_WithoutCredentials_Throws(string url)
    {
        Assert.Throws<FormatException>(() => SourceCredentials.FromUrl(url));
    }
}
