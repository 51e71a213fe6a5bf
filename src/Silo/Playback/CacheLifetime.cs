namespace MediaOrleans.Silo.Playback;

/// <summary>
/// How long a playback answer may be cached (<c>Cache-Control: max-age</c>): the configured bound,
/// but never past the URL's own expiry, so no cache replays a URL after it stopped being valid.
/// </summary>
public static class CacheLifetime
{
    /// <summary>Seconds from <paramref name="now"/> until <paramref name="expires"/> (Unix seconds), within 0 and <paramref name="bound"/>.</summary>
    public static int Seconds(long expires, DateTimeOffset now, int bound) =>
        (int)Math.Clamp(expires - now.ToUnixTimeSeconds(), 0, bound);
}
