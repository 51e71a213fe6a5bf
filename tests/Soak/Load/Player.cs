using System.Globalization;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Load;

/// <summary>
/// Plays at a steady rate: a random stored item from a random silo, WAV over HTTP or MP3 over
/// SHOUT, each body's digest recorded beside the digest of what was stored. Plays run side by
/// side so one hanging on a paused silo does not slow the rate.
/// </summary>
public sealed class Player(SoakSettings settings, SoakCluster cluster, Catalog catalog, HistoryLog history)
{
    private int _next;

    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(settings.Seed * 31 + 101);
        using var api = new SoakApi(settings.RequestTimeout);
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var format = random.Next(2) == 0 ? "wav" : "mp3";
            var item = catalog.Pick(random, format);
            if (item is not null)
            {
                inFlight.Add(PlayAsync(api, item, random.Next(cluster.Silos.Count), abort));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(settings.PlayInterval, abort);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task PlayAsync(SoakApi api, CatalogItem item, int silo, CancellationToken abort)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"play{Interlocked.Increment(ref _next)}");
        var kind = item.Format == "wav" ? OpKinds.PlayWav : OpKinds.PlayMp3;
        history.Add(at => new SoakEvent(at, EventTypes.Start, kind, id, silo, Detail: item.MediaName));
        var home = cluster.Silos[silo].HttpBase;
        try
        {
            object request = item.Format == "wav"
                ? new { mediaName = item.MediaName, protocol = "http", format = "wav" }
                : new { mediaName = item.MediaName, protocol = "shout" };
            var url = await api.StreamUrlAsync(home, request, abort);
            var bytes = await api.GetBytesAsync(url, abort);
            var digest = Digests.Of(bytes);
            history.Add(at => new SoakEvent(at, EventTypes.End, kind, id, silo, true, bytes.Length, digest, item.Digest, item.MediaName));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !abort.IsCancellationRequested)
        {
            history.Add(at => new SoakEvent(at, EventTypes.End, kind, id, silo, false, Detail: $"{item.MediaName}: {ex.Message}"));
        }
    }
}
