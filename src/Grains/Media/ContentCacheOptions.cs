using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Grains.Media;

/// <summary>Stored media the media grains of one silo hold in memory, bound from <c>Media:Content</c>.</summary>
public sealed class ContentCacheOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Content";

    /// <summary>
    /// Bytes of stored media the silo's media grains keep (default 512 MiB). Past it the versions
    /// used longest ago are let go and loaded from the store again when next asked for; a single
    /// item larger than the budget is still served while it is in use.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long CacheBytes { get; set; } = 512L * 1024 * 1024;
}
