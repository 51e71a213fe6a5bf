using System.Collections.Concurrent;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Live;

/// <summary>
/// The continuous streams this silo runs: one per (media name, version), started by its first
/// listener and stopped when nobody has listened for a while or the silo stops. Every silo's
/// mount of an item keeps to the same wall-clock schedule, so together they are one stream.
/// </summary>
public sealed class LiveStreamHub(PlaybackSource source, IOptions<LiveStreamOptions> options, IHostApplicationLifetime lifetime,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<(string, string), Lazy<Task<LiveMount?>>> _streams = new();

    /// <summary>Joins the stream of <paramref name="target"/>, starting it if needed; null if the item cannot stream.</summary>
    public async Task<(LiveMount Mount, LiveListener Listener)?> JoinAsync(PlaybackTarget target)
    {
        var key = (target.Name, target.Version);
        // A mount found just as it stops for idleness refuses the join; the second try starts a new one.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var entry = _streams.GetOrAdd(key, k => new Lazy<Task<LiveMount?>>(() => StartAsync(k)));
            var mount = await entry.Value;
            if (mount?.Join() is { } listener)
            {
                return (mount, listener);
            }

            _streams.TryRemove(new KeyValuePair<(string, string), Lazy<Task<LiveMount?>>>(key, entry));
            if (mount is null)
            {
                return null;
            }
        }

        return null;
    }

    private async Task<LiveMount?> StartAsync((string Name, string Version) key)
    {
        var content = await source.OpenAsync(new PlaybackTarget(false, key.Name, key.Version, "mp3", 0));
        if (content is null)
        {
            return null;
        }

        using var bytes = new MemoryStream((int)content.Length);
        await foreach (var chunk in content.ReadChunksAsync())
        {
            bytes.Write(chunk.Span);
        }

        var settings = options.Value;
        var stream = LiveMount.Create(bytes.ToArray(), settings);
        if (stream is not null)
        {
            _ = RunAsync(key, stream, settings);
        }

        return stream;
    }

    private async Task RunAsync((string, string) key, LiveMount stream, LiveStreamOptions settings)
    {
        await Task.Yield();
        try
        {
            await stream.RunAsync(TimeSpan.FromMilliseconds(settings.TickMilliseconds), TimeSpan.FromSeconds(settings.IdleSeconds),
                lifetime.ApplicationStopping, time);
        }
        finally
        {
            // Only this mount's entry: a newer one for the same key may already be starting.
            if (_streams.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
                && ReferenceEquals(entry.Value.Result, stream))
            {
                _streams.TryRemove(new KeyValuePair<(string, string), Lazy<Task<LiveMount?>>>(key, entry));
            }
        }
    }
}
