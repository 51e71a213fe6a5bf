using MediaOrleans.Soak.Checking;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.Faults;
using MediaOrleans.Soak.History;
using MediaOrleans.Soak.Load;
using MediaOrleans.Soak.Reporting;

namespace MediaOrleans.Soak;

/// <summary>
/// One soak: makes the audio, starts the cluster, uploads the prompts, runs the load and the
/// fault injector for the duration, lets recordings in flight finish and be stored, then checks
/// the history and writes the report (history.jsonl and report.md in the work directory).
/// </summary>
public static class SoakRun
{
    public static async Task<SoakOutcome> RunAsync(SoakSettings settings, CheckerSettings checks, IRestartable broker, IRestartable? store, TextWriter log, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(settings.WorkDirectory);
        if (settings.Faults.Contains(FaultKinds.StoreOutage) && store is null)
        {
            throw new ArgumentException("the store-outage fault needs a CouchDB-compatible store", nameof(store));
        }

        if (settings.Faults.Contains(FaultKinds.DiskFull) && !DiskFiller.IsTmpfsMountPoint(settings.DataDirectory))
        {
            throw new ArgumentException($"the disk-full fault needs a size-limited tmpfs mounted on {settings.DataDirectory}", nameof(settings));
        }

        var payloads = await Payloads.CreateAsync(Path.Combine(settings.WorkDirectory, "audio"), settings.MinRecordingSeconds, settings.MaxRecordingSeconds);
        using var history = new HistoryLog(Path.Combine(settings.WorkDirectory, "history.jsonl"));
        await log.WriteLineAsync($"[soak] seed {settings.Seed}; starting {settings.Silos} silos; faults: {string.Join(", ", settings.Faults)}");
        await using var cluster = await SoakCluster.StartAsync(settings, broker, store, abort);
        await cluster.WaitBusConnectedAsync(TimeSpan.FromSeconds(60), abort);
        var catalog = new Catalog();
        using (var api = new SoakApi(TimeSpan.FromSeconds(30)))
        {
            foreach (var (name, file, type) in new[] { ("soak/prompt-wav", Payloads.PromptWav, "audio/wav"), ("soak/prompt-mp3", Payloads.PromptMp3, "audio/mpeg") })
            {
                await api.PutMediaAsync(cluster.Silos[0].HttpBase, name, payloads.Bytes[file], type, abort);
                catalog.Add(new CatalogItem(name, type == "audio/wav" ? "wav" : "mp3", Digests.Of(payloads.Bytes[file])));
            }
        }

        await log.WriteLineAsync($"[soak] cluster up; load and faults for {settings.Duration.TotalMinutes:F1} min");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(abort);
        stop.CancelAfter(settings.Duration);
        await using var bus = new BusRequester(settings, broker.Uri, history, "soak/prompt-mp3");
        List<Task> load =
        [
            .. Enumerable.Range(0, settings.ConcurrentRecordings)
                .Select(lane => new Recorder(lane, settings, cluster, payloads, catalog, history).RunAsync(stop.Token, abort)),
            new Player(settings, cluster, catalog, history).RunAsync(stop.Token, abort),
            new Listener(settings, cluster, history, "soak/prompt-mp3").RunAsync(stop.Token, abort),
            bus.RunAsync(stop.Token, abort),
            new FaultInjector(settings, cluster, history).RunAsync(stop.Token, abort),
            new ResourceSampler(cluster, history, TimeSpan.FromSeconds(2)).RunAsync(stop.Token),
        ];
        await Task.WhenAll(load);

        var events = history.Events;
        var violations = HistoryChecker.Check(events, payloads.Bytes, checks);
        var report = SoakReport.Write(events, violations, settings.Seed, checks);
        await File.WriteAllTextAsync(Path.Combine(settings.WorkDirectory, "report.md"), report, abort);
        return new SoakOutcome(events, violations, report);
    }
}

/// <summary>What a soak leaves: its history, the violations found in it and the report.</summary>
public sealed record SoakOutcome(IReadOnlyList<SoakEvent> History, IReadOnlyList<Violation> Violations, string Report);
