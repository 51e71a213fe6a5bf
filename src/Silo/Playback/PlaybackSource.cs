using MediaOrleans.Grains.Concurrency;
using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// Finds the bytes a verified playback URL names, for every listener of this silo. Media
/// versions never change, so a version held here (keyed by name and version, within the
/// configured byte budget) can never go stale; larger items are streamed from their grain and
/// never held whole here. Held items are filled while they play: the first listener does not
/// wait for the last byte.
/// </summary>
public sealed class PlaybackSource : IDisposable
{
    private const int ChunkBytes = 1024 * 1024;
    private static readonly KeyValuePair<string, object?> Tier = new("tier", MemoryTiers.Listeners);
    private readonly IGrainFactory _grains;
    private readonly PlaybackCacheOptions _options;
    private readonly MemoryCache _cache;
    private readonly SharedLoads<(string, string, MediaVariant), PlaybackContent?> _loading = new();

    /// <summary>Creates the source with its own bounded cache.</summary>
    public PlaybackSource(IGrainFactory grains, IOptions<PlaybackCacheOptions> options)
    {
        _grains = grains;
        _options = options.Value;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.CacheBytes), TrackStatistics = true });
    }

    /// <summary>The content <paramref name="target"/> names, or <c>null</c> if it no longer exists.</summary>
    public Task<PlaybackContent?> OpenAsync(PlaybackTarget target) =>
        target.IsRecording
            ? OpenRecordingAsync(target.Name)
            : OpenMediaAsync(target.Name, target.Version, new MediaVariant(target.Extension, target.Rate));

    /// <summary>Bytes of content held for this silo's listeners now.</summary>
    public long HeldBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private Task<PlaybackContent?> OpenMediaAsync(string name, string version, MediaVariant variant)
    {
        var key = (name, version, variant);
        if (_cache.TryGetValue(key, out PlaybackContent? hit))
        {
            MediaMetrics.CacheHits.Add(1, Tier);
            return Task.FromResult(hit);
        }

        MediaMetrics.CacheMisses.Add(1, Tier);
        // One load per (name, version) however many listeners ask at once.
        return _loading.GetOrStart(key, LoadMediaAsync);
    }

    private async Task<PlaybackContent?> LoadMediaAsync((string Name, string Version, MediaVariant Variant) key)
    {
        var (name, version, variant) = key;
        var grain = _grains.GetGrain<IMediaFileGrain>(name);
        var info = await grain.GetVersionInfoAsync(version);
        if (info is null || !info.Streamable || !variant.IsAvailableFor(info, out _))
        {
            return null;
        }

        // The first read also tells the variant's length (a transcoded WAV differs from the stored item).
        var first = await grain.ReadVariantAsync(version, variant, 0, ChunkBytes);
        if (first is null)
        {
            return null;
        }

        var tag = variant.IsStoredFormOf(info) ? $"\"{version}\"" : $"\"{version}-{variant.Extension}{variant.Rate}\"";
        var length = first.TotalLength;
        Func<long, Task<byte[]?>> readChunk = async offset => (await grain.ReadVariantAsync(version, variant, offset, ChunkBytes))?.Data;
        if (length > _options.MaxCachedItemBytes || length > _options.CacheBytes)
        {
            return new PlaybackContent(length, info.LastModified, tag, readChunk);
        }

        // Cached at once and filled in the background: this listener and every later one
        // play from the first chunk on while the rest comes from the grain.
        var held = new ArrivingBytes(length);
        held.Append(first.Data);
        var content = new PlaybackContent(held, info.LastModified, tag);
        _cache.Set(key, content, new MemoryCacheEntryOptions { Size = Math.Max(1, length) }.RegisterPostEvictionCallback(
            static (_, _, reason, _) =>
            {
                if (reason == EvictionReason.Capacity)
                {
                    MediaMetrics.CacheEvictions.Add(1, Tier);
                }
            }));
        if (!held.IsComplete)
        {
            _ = FillAsync(key, held, readChunk);
        }

        return content;
    }

    private async Task FillAsync((string, string, MediaVariant) key, ArrivingBytes held, Func<long, Task<byte[]?>> readChunk)
    {
        try
        {
            while (!held.IsComplete)
            {
                var chunk = await readChunk(held.Arrived);
                if (chunk is null || chunk.Length == 0)
                {
                    throw new InvalidOperationException("the version is no longer available");
                }

                held.Append(chunk.AsSpan(0, (int)Math.Min(chunk.Length, held.Length - held.Arrived)));
            }
        }
#pragma warning disable CA1031 // Listeners mid-stream see a short body; later ones load again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            held.Fail(ex);
            _cache.Remove(key);
        }
    }

    private async Task<PlaybackContent?> OpenRecordingAsync(string name)
    {
        var grain = _grains.GetGrain<IRecordingGrain>(name);
        var status = await grain.GetStatusAsync();
        if (status.State == RecordingState.Unknown)
        {
            return null;
        }

        // A recording under review is read as it is now; it is never cached because it grows.
        return new PlaybackContent(status.Bytes, status.EndedAt, null,
            async offset => (await grain.ReadAsync(offset, ChunkBytes))?.Data);
    }
}
