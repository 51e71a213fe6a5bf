using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Urls;

/// <summary>Signed playback URLs, bound from <c>Media:Urls</c>.</summary>
public sealed class UrlOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Urls";

    /// <summary>
    /// Cluster secret for URL signatures (at least 32 characters). Every silo of a cluster needs
    /// the same one. When empty, a single silo makes one and keeps it in <c>DataPath/url-secret</c>.
    /// </summary>
    [MinLength(32)]
    public string? Secret { get; set; }

    /// <summary>How long a playback URL stays valid, in seconds (default 24 h).</summary>
    [Range(60, 31_536_000)]
    public int LifetimeSeconds { get; set; } = 86_400;

    /// <summary>
    /// Expiry times are rounded up to a multiple of this many seconds (default 1 h), so repeated
    /// requests for one version get the very same URL and FreeSWITCH's URL-keyed caches hit.
    /// </summary>
    [Range(1, 86_400)]
    public int RoundingSeconds { get; set; } = 3600;
}
