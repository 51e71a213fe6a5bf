using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Http;

/// <summary>The HTTP listener (playback for mod_httapi, mod_http_cache, curl | sox; admin API), bound from <c>Media:Http</c>.</summary>
public sealed class HttpListenerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Http";

    /// <summary>TCP port (default 24517).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24517;

    /// <summary>Largest media upload in bytes (default 64 MiB; at most 90 MiB, below Orleans' 100 MiB message limit).</summary>
    [Range(1024, 90L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

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
