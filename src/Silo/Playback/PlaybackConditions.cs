namespace MediaOrleans.Silo.Playback;

/// <summary>
/// What an HTTP playback request asks beyond its URL (RFC 9110 sections 13 and 14): one byte
/// range, and validators for a copy the client already has. Browsers seek with Range;
/// FreeSWITCH's caches revalidate with ETags. SHOUT requests carry none of it.
/// </summary>
/// <param name="Range">The <c>Range</c> header.</param>
/// <param name="IfRange">The <c>If-Range</c> header: the range holds only for this version.</param>
/// <param name="IfNoneMatch">The <c>If-None-Match</c> header.</param>
/// <param name="IfModifiedSince">The <c>If-Modified-Since</c> header.</param>
public sealed record PlaybackConditions(string? Range = null, string? IfRange = null, string? IfNoneMatch = null, string? IfModifiedSince = null)
{
    /// <summary>A plain request: the whole body, unconditionally.</summary>
    public static PlaybackConditions None { get; } = new();

    /// <summary>Reads the four headers with <paramref name="header"/>, a lookup by name.</summary>
    public static PlaybackConditions From(Func<string, string?> header) =>
        new(header("Range"), header("If-Range"), header("If-None-Match"), header("If-Modified-Since"));
}
