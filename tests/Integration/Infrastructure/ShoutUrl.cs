namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>The parts of a <c>shout://user:pass@host:port/mount</c> recording URL.</summary>
public sealed record ShoutUrl(string User, string Password, string Host, int Port, string Mount)
{
    /// <summary>Parses a recording source URL handed out by the silo.</summary>
    public static ShoutUrl Parse(string url)
    {
        var uri = new Uri(url);
        Assert.Equal("shout", uri.Scheme);
        var userInfo = uri.UserInfo.Split(':', 2);
        return new ShoutUrl(Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]), uri.Host, uri.Port, uri.AbsolutePath);
    }

    /// <summary>The same URL with another password.</summary>
    public ShoutUrl WithPassword(string password) => this with { Password = password };

    /// <summary><c>user:pass@host:port/mount</c>, as modshout-client takes it.</summary>
    public string ModShoutArgument => $"{User}:{Password}@{Host}:{Port}{Mount}";

    /// <summary>ffmpeg's <c>icecast://</c> form.</summary>
    public string Icecast => $"icecast://{User}:{Password}@{Host}:{Port}{Mount}";
}
