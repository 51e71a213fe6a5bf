namespace MediaOrleans.Silo.Configuration;

/// <summary>
/// The credentials of <c>scheme://user:password@host/…</c> addresses: taken out to be sent apart
/// from the address, and hidden before an address is logged or shown.
/// </summary>
public static class UriCredentials
{
    /// <summary><paramref name="uri"/> with any password replaced by <c>****</c>; works on malformed input too.</summary>
    public static string Redact(string uri)
    {
        // The last '@' and the first ':' after the scheme: a malformed password holding '/' or '@'
        // is still hidden (redacting too much is harmless, too little is not).
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var at = uri.LastIndexOf('@');
        var colon = uri.IndexOf(':', start);
        if (at < start || colon < 0 || colon > at)
        {
            return uri;
        }

        return string.Concat(uri.AsSpan(0, colon + 1), "****", uri.AsSpan(at));
    }

    /// <summary>The percent-decoded user and password of <paramref name="uri"/>, or nulls when it has none.</summary>
    public static (string? User, string? Password) Of(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return (null, null);
        }

        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }
}
