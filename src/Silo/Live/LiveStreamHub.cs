using System.Collections.Concurrent;
using MediaOrleans.Grains.Concurrency;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Live;

/// <summary>
/// The continuous streams this silo runs: one per (media name, version), started by its first
/// listener and stopped when nobody has listened for a while or the silo stops. Every silo's
/// mount of an item keeps to the same wall-clock schedule, so together they are one stream.
/// </summary>
public sealed class LiveStreamHub(IGrainFactory grains, IOptions<LiveStreamOptions> options, IHostApplicationLifetime lifetime,
    TimeProvider time)
{
    private const int ChunkBytes = 1024 * 1024;
    private readonly ConcurrentDictionary<(string, string), LiveMount> _running = new();
    private readonly SharedLoads<(string, string), LiveMount?> _starting = new();

    /// <summary>Continuous streams running now.</summary>
    public int Mounts => _running.Count;

    /// <summary>Listeners of all of them now.</summary>
    public int Listeners => _running.Values.Sum(mount => mount.ListenerCount);

    /// <summary>Joins the stream of a media version, starting it if needed; null if the item cannot stream.</summary>
    public async Task<LiveSubscription?> JoinAsync(string name, string version)
    {
        var key = (name, version);
        // A mount found just as it stops for idleness refuses the join; the second try starts a new one.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var mount = _running.TryGetValue(key, out var running) ? running : await _starting.GetOrStart(key, StartAsync);
            if (mount is null)
            {
                return null;
            }

            if (mount.Join() is { } listener)
            {
                return new LiveSubscription(mount, listener);
            }

            _running.TryRemove(new KeyValuePair<(string, string), LiveMount>(key, mount));
        }

        return null;
    }

    // The mount holds the whole item (a looping stream needs every frame), read from its grain once.
    private async Task<LiveMount?> StartAsync((string Name, string Version) key)
    {
        var grain = grains.GetGrain<IMediaFileGrain>(key.Name);
        if (await grain.GetVersionInfoAsync(key.Version) is not { Streamable: true } info)
        {
            return null;
        }

        using var bytes = new MemoryStream((int)info.Length);
        while (bytes.Length < info.Length)
        {
            var chunk = await grain.ReadAsync(key.Version, bytes.Length, ChunkBytes);
            if (chunk is null || chunk.Data.Length == 0)
            {
                return null;
            }

            bytes.Write(chunk.Data);
        }

        var settings = options.Value;
        var mount = LiveMount.Create(bytes.ToArray(), settings);
        if (mount is not null)
        {
            _running[key] = mount;
            _ = RunAsync(key, mount, settings);
        }

        return mount;
    }

    private async Task RunAsync((string, string) key, LiveMount mount, LiveStreamOptions settings)
    {
        await Task.Yield();
        try
        {
            await mount.RunAsync(TimeSpan.FromMilliseconds(settings.TickMilliseconds), TimeSpan.FromSeconds(settings.IdleSeconds), time,
                lifetime.ApplicationStopping);
        }
        finally
        {
            // Only this mount's entry: a newer one for the same key may already be running.
            _running.TryRemove(new KeyValuePair<(string, string), LiveMount>(key, mount));
        }
    }
}
