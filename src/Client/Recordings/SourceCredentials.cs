namespace MediaOrleans.Client.Recordings;

/// <summary>The one-time user and password a recording ticket's <c>shout://user:pass@host:port/rec/…</c> URL carries.</summary>
public sealed record SourceCredentials(string User, string Password)
{
    /// <summary>Reads the credentials out of a recording source URL; throws <see cref="FormatException"/> if it has none.</summary>
    public static SourceCredentials FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "shout")
        {
            throw new FormatException("a recording source URL is shout://user:pass@host:port/rec/<name>.mp3");
        }

        var parts = uri.UserInfo.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? new SourceCredentials(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
            : throw new FormatException("the recording source URL carries no user:password");
    }
}
