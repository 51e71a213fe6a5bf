using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// How this silo holds hot media for its listeners and how long players may cache a playback
/// answer. Bound from <c>Media:Http</c>, where these keys have always been documented.
/// </summary>
public sealed class PlaybackCacheOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Http";

    /// <summary>Bytes of hot media this silo's listeners keep, keyed by (name, version) (default 256 MiB).</summary>
    [Range(0, 64L * 1024 * 1024 * 1024)]
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Items larger than this are streamed from their grain instead of cached here (default 16 MiB).</summary>
    [Range(0, 1024L * 1024 * 1024)]
    public long MaxCachedItemBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Upper bound of <c>Cache-Control: max-age</c> in seconds (default 86400, mod_http_cache's own
    /// default). The URL names the version, so a long lifetime never plays stale media.
    /// </summary>
    [Range(0, 31_536_000)]
    public int MaxAgeSeconds { get; set; } = 86_400;
}
