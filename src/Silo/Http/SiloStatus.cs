using MediaOrleans.Grains.Media;
using MediaOrleans.Silo.Playback;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// What <c>GET /api/silo</c> reports: this silo's identity and the bytes each of its memory
/// tiers holds against its budget, and how often its grains went to the store. Operators
/// watch it to size budgets; the cluster tests use it to show each item loaded once.
/// </summary>
public sealed record SiloStatus(string Silo, long StoreReads, MemoryTier Grains, MemoryTier Transcoded, MemoryTier Listeners)
{
    /// <summary>Reads the silo's counters now.</summary>
    public static SiloStatus Read(ILocalSiloDetails silo, HeldContent held, TranscodeCache transcodes, IOptions<TranscodeOptions> transcodeOptions,
        PlaybackSource playback, IOptions<PlaybackCacheOptions> cache) => new(
        silo.SiloAddress.ToParsableString(),
        held.StoreReads,
        new MemoryTier(held.Bytes, held.Budget),
        new MemoryTier(transcodes.HeldBytes, transcodeOptions.Value.CacheBytes),
        new MemoryTier(playback.HeldBytes, cache.Value.CacheBytes));
}

/// <summary>Bytes held by one memory tier, and its budget.</summary>
public sealed record MemoryTier(long Bytes, long Budget);
