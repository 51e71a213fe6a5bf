using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The HTTPS listener, bound from <c>Media:Https</c>: the same playback and admin API as the HTTP
/// port, with the limits of <c>Media:Http</c>, open only when <c>Media:Tls</c> names a certificate.
/// </summary>
public sealed class HttpsListenerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Https";

    /// <summary>TCP port (default 24519).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24519;
}
