using MediaOrleans.Grains.Concurrency;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// The transcoded variants held by the media grains of one silo, within one byte budget
/// (<see cref="TranscodeOptions.CacheBytes"/>). A variant is transcoded once however many
/// readers ask at once, on the thread pool rather than the grain's scheduler, and no more than
/// <see cref="TranscodeOptions.MaxConcurrent"/> at a time.
/// </summary>
public sealed class TranscodeCache(IOptions<TranscodeOptions> options) : IDisposable
{
    private readonly ByteBudgetCache<(string, string, MediaVariant)> _held = new(options.Value.CacheBytes);
    private readonly SharedLoads<(string, string, MediaVariant), byte[]?> _running = new();
    private static readonly KeyValuePair<string, object?> Tier = new("tier", MemoryTiers.Transcoded);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);

    /// <summary>Bytes of transcoded audio held now.</summary>
    public long HeldBytes => _held.Bytes;

    /// <summary>
    /// The variant of a media version, transcoded by <paramref name="transcode"/> if it is not
    /// held; null when it cannot be transcoded.
    /// </summary>
    public Task<byte[]?> GetAsync(string name, string version, MediaVariant variant, Func<byte[]?> transcode)
    {
        var key = (name, version, variant);
        if (_held.TryGet(key, out var bytes))
        {
            MediaMetrics.CacheHits.Add(1, Tier);
            return Task.FromResult<byte[]?>(bytes);
        }

        MediaMetrics.CacheMisses.Add(1, Tier);
        return _running.GetOrStart(key, held => TranscodeAsync(held, transcode));
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    // Held before the shared load ends, so a reader arriving after it finds the variant here.
    private async Task<byte[]?> TranscodeAsync((string, string, MediaVariant) key, Func<byte[]?> transcode)
    {
        await _slots.WaitAsync();
        try
        {
            var bytes = await Task.Run(transcode);
            if (bytes is not null)
            {
                MediaMetrics.CacheEvictions.Add(_held.Add(key, bytes), Tier);
            }

            return bytes;
        }
        finally
        {
            _slots.Release();
        }
    }
}
