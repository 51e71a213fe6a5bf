namespace MediaOrleans.Silo.Urls;

/// <summary>The listener a playback URL names.</summary>
public enum UrlScheme
{
    /// <summary><c>http://</c>: the HTTP port.</summary>
    Http,

    /// <summary><c>https://</c>: the HTTPS port (only when a certificate is configured).</summary>
    Https,

    /// <summary><c>shout://</c>: the SHOUT port (MP3 only).</summary>
    Shout,
}
