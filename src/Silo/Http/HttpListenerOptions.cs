using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The HTTP listener (playback for mod_httapi, mod_http_cache, curl | sox; admin API), bound from
/// <c>Media:Http</c>. The head limits and timeouts hold for every request on the port, whether
/// playback answers it ahead of Kestrel or Kestrel's pipeline does.
/// </summary>
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

    /// <summary>Largest request head (request line and headers) in bytes; larger gets 431 (default 8 KiB).</summary>
    [Range(256, 1024 * 1024)]
    public int MaxHeadBytes { get; set; } = 8192;

    /// <summary>Most header lines in one request; more gets 431 (default 64).</summary>
    [Range(1, 1000)]
    public int MaxHeaderCount { get; set; } = 64;

    /// <summary>Seconds allowed for a request head from its first byte (and for a new connection's first head); slower gets 408 (default 10).</summary>
    [Range(1, 3600)]
    public int HeadTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds a keep-alive connection may sit idle between requests before it is closed (default 130, as Kestrel).</summary>
    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 130;
}
