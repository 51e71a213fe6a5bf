using MediaOrleans.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// The ledger of stored media the media grains of this silo hold, kept within
/// <see cref="ContentCacheOptions.CacheBytes"/>: grains report what they load and read, and when
/// the total passes the budget the versions used longest ago are taken off the ledger and their
/// grains are told to let them go. The grains keep owning their bytes; this only decides who
/// gives some up. Also counts reads from the store, so operators (and tests) can see an item
/// loaded once however many silos play it.
/// </summary>
public sealed class HeldContent(IGrainFactory grains, IOptions<ContentCacheOptions> options)
{
    private readonly ByteBudgetLedger<(string Name, string Version)> _ledger = new(options.Value.CacheBytes);
    private long _storeReads;

    /// <summary>Bytes held now.</summary>
    public long Bytes => _ledger.Bytes;

    /// <summary>The configured budget in bytes.</summary>
    public long Budget => options.Value.CacheBytes;

    /// <summary>Loads of a version's bytes from the store since the silo started.</summary>
    public long StoreReads => Interlocked.Read(ref _storeReads);

    /// <summary>A grain went to the store for a version's bytes.</summary>
    public void CountStoreRead()
    {
        Interlocked.Increment(ref _storeReads);
        MediaMetrics.StoreReads.Add(1);
    }

    /// <summary>A grain now holds <paramref name="bytes"/> of <paramref name="version"/>; others may be asked to let go.</summary>
    public void Hold(string name, string version, long bytes)
    {
        foreach (var (victimName, victimVersion) in _ledger.Add((name, version), bytes))
        {
            MediaMetrics.CacheEvictions.Add(1, new KeyValuePair<string, object?>("tier", MemoryTiers.Grains));
            _ = grains.GetGrain<IHeldContentOwner>(victimName).ReleaseContentAsync(victimVersion);
        }
    }

    /// <summary>A held version was read: it is the last to be let go.</summary>
    public void Touch(string name, string version) => _ledger.Touch((name, version));

    /// <summary>A grain let a version go by itself.</summary>
    public void Forget(string name, string version) => _ledger.Remove((name, version));
}
