using System.ComponentModel.DataAnnotations;
using MediaOrleans.Silo.Limits;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The HTTP listener (playback for mod_httapi, mod_http_cache, curl | sox; admin API), bound from
/// <c>Media:Http</c>. The head limits and timeouts hold for every request on the port, whether
/// playback answers it ahead of Kestrel or Kestrel's pipeline does.
/// </summary>
public sealed class HttpListenerOptions : ListenerLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Http";

    /// <summary>TCP port (default 24517).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24517;

    /// <summary>Largest media upload in bytes (default 64 MiB; at most 90 MiB, below Orleans' 100 MiB message limit).</summary>
    [Range(1024, 90L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Least rate, in bytes per second, at which a request body (an upload) must arrive, judged
    /// after <see cref="ListenerLimitOptions.DataRateGraceSeconds"/>; slower ends the connection
    /// (default 1024; an upload on a switch network runs at megabytes a second). 0 turns it off.
    /// </summary>
    [Range(0, 100 * 1024 * 1024)]
    public int MinUploadBytesPerSecond { get; set; } = 1024;

    /// <summary>Seconds a keep-alive connection may sit idle between requests before it is closed (default 130, as Kestrel).</summary>
    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 130;
}
