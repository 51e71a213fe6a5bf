using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Orleans.Concurrency;

namespace MediaOrleans.Grains.Catalog;

/// <summary>
/// Lists the store's media names and the spool's recordings. Recording states come from each
/// recording's grain, not the saved record, so a recording being received reports its live
/// byte count.
/// </summary>
[StatelessWorker]
public sealed class CatalogGrain(IMediaCatalog media, IRecordingSpool spool) : Grain, ICatalogGrain
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxLimit = 10_000;

    public async Task<IReadOnlyList<string>> ListMediaAsync(string? prefix, int limit)
    {
        var names = new List<string>();
        await foreach (var name in media.ListNamesAsync(prefix))
        {
            if (names.Count >= Math.Clamp(limit, 0, MaxLimit))
            {
                break;
            }

            names.Add(name);
        }

        return names;
    }

    public async Task<IReadOnlyList<RecordingStatus>> ListRecordingsAsync(string? prefix, int limit)
    {
        var names = new List<string>();
        await foreach (var record in spool.ListAsync())
        {
            if (record.Name.StartsWith(prefix ?? string.Empty, StringComparison.Ordinal))
            {
                names.Add(record.Name);
            }
        }

        var page = names.Order(StringComparer.Ordinal).Take(Math.Clamp(limit, 0, MaxLimit));
        return await Task.WhenAll(page.Select(name => GrainFactory.GetGrain<IRecordingGrain>(name).GetStatusAsync()));
    }
}
