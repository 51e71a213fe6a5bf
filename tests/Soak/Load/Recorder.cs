using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Load;

/// <summary>
/// One recording lane: allocates a recording on a random silo, streams a payload into it with
/// modshout-client (mod_shout's libshout calls, paced to real time), then stores it as media on
/// any silo until that succeeds and reads the item back. Each recording is a record operation
/// (Ok = the source finished cleanly) and a store operation (the bytes read back).
/// </summary>
public sealed partial class Recorder(int lane, SoakSettings settings, SoakCluster cluster, Payloads payloads, Catalog catalog, HistoryLog history)
{
    private static int _next;

    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(settings.Seed * 31 + lane);
        using var api = new SoakApi(settings.RequestTimeout);
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _next);
            var name = string.Create(CultureInfo.InvariantCulture, $"soak/r{n}");
            var silo = random.Next(cluster.Silos.Count);
            var payload = payloads.Recordings[random.Next(payloads.Recordings.Count)];
            string url;
            try
            {
                url = await api.AllocateRecordingAsync(cluster.Silos[silo].HttpBase, name, settings.MaxRecordingSeconds * 4, abort);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !abort.IsCancellationRequested)
            {
                await Task.Delay(1000, abort); // nothing promised yet: try another silo
                continue;
            }

            history.Add(at => new SoakEvent(at, EventTypes.Start, OpKinds.Record, name, silo, Detail: payload));
            var (ok, sent, detail) = await StreamAsync(url, payloads.PathOf(payload), payloads.Bytes[payload].Length, abort);
            history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Record, name, silo, ok, sent, Detail: detail));
            await StoreAsync(api, random, name, string.Create(CultureInfo.InvariantCulture, $"soak/m{n}"), abort);
        }
    }

    private async Task<(bool Ok, long Sent, string? Detail)> StreamAsync(string url, string file, long length, CancellationToken abort)
    {
        var uri = new Uri(url);
        var start = new ProcessStartInfo(settings.ModShoutClient, [$"{Uri.UnescapeDataString(uri.UserInfo)}@{uri.Host}:{uri.Port}{uri.AbsolutePath}", file])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { ["TLS_DISABLED"] = "1" },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(abort);
        _ = process.StandardOutput.ReadToEndAsync(abort);
        try
        {
            await process.WaitForExitAsync(abort);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var stderr = (await errors).Trim();
        if (process.ExitCode == 0)
        {
            return (true, length, null);
        }

        // modshout-client says how far it got: "sending failed after N bytes of FILE: reason".
        var match = SentBytes().Match(stderr);
        return (false, match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            $"exit {process.ExitCode}: {stderr}");
    }

    private async Task StoreAsync(SoakApi api, Random random, string recording, string mediaName, CancellationToken abort)
    {
        history.Add(at => new SoakEvent(at, EventTypes.Start, OpKinds.Store, recording));
        var deadline = DateTime.UtcNow + settings.StoreDeadline;
        var last = "no attempt";
        while (DateTime.UtcNow < deadline)
        {
            var silo = random.Next(cluster.Silos.Count);
            var home = cluster.Silos[silo].HttpBase;
            try
            {
                var (status, error) = await api.StoreAsync(home, recording, mediaName, abort);
                if (status == HttpStatusCode.OK)
                {
                    var url = await api.StreamUrlAsync(home, new { mediaName, protocol = "http", format = "mp3" }, abort);
                    var bytes = await api.GetBytesAsync(url, abort);
                    var digest = Digests.Of(bytes);
                    history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Store, recording, silo, true, bytes.Length, digest, Detail: mediaName));
                    catalog.Add(new CatalogItem(mediaName, "mp3", digest));
                    return;
                }

                if (status == HttpStatusCode.UnprocessableEntity && error == "no_data")
                {
                    history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Store, recording, silo, false, Detail: "no_data"));
                    return;
                }

                last = $"{(int)status} {error}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !abort.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(1000, abort); // 409 while the recording is still receiving, or its silo is away
        }

        history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Store, recording, Ok: false, Detail: $"not stored within {settings.StoreDeadline}: {last}"));
    }

    [GeneratedRegex(@"sending failed after (\d+) bytes")]
    private static partial Regex SentBytes();
}
