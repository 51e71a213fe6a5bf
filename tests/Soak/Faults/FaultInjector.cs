using System.Globalization;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Faults;

/// <summary>
/// Injects faults at random gaps, all drawn from the seed, in two lanes that run at once, because
/// production fails several ways at once: the silo lane SIGKILLs a silo and restarts it, or
/// SIGSTOPs it for some seconds then SIGCONTs it; the infrastructure lane stops and starts the
/// broker, crashes and restarts the store, or fills the spool's file system and frees it. Each
/// lane injects one fault at a time. Silo faults never touch the observed silo
/// (<see cref="SoakSettings.ObservedSilo"/>), so one silo process lives through the whole run and
/// its memory and descriptors can be judged over it. A fault starts when it is done to the system
/// and ends when the system is whole again (the silo healthy, every silo consuming from the broker,
/// the store answering, the disk freed); a silo that stopped itself meanwhile (declared dead while
/// paused) is restarted within the same fault.
/// </summary>
public sealed class FaultInjector(SoakSettings settings, SoakCluster cluster, HistoryLog history)
{
    private static readonly TimeSpan BusReconnectTimeout = TimeSpan.FromSeconds(60);

    public Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var siloKinds = settings.Faults.Where(k => !FaultKinds.ClusterWide.Contains(k)).ToList();
        var clusterKinds = settings.Faults.Where(k => FaultKinds.ClusterWide.Contains(k)).ToList();
        var targets = Enumerable.Range(0, cluster.Silos.Count).Where(i => i != settings.ObservedSilo).ToList();
        return Task.WhenAll(
            RunLaneAsync("s", siloKinds, targets, settings.Seed * 31 + 404, stop, abort),
            RunLaneAsync("c", clusterKinds, [-1], settings.Seed * 31 + 505, stop, abort));
    }

    private async Task RunLaneAsync(string lane, List<string> kinds, List<int> targets, int seed,
        CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(seed);
        for (var n = 1; kinds.Count > 0 && targets.Count > 0; n++)
        {
            var gap = settings.MinFaultGap + (settings.MaxFaultGap - settings.MinFaultGap) * random.NextDouble();
            try
            {
                await Task.Delay(gap, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var kind = kinds[random.Next(kinds.Count)];
            var target = targets[random.Next(targets.Count)];
            // Drawn whatever the kind, so the schedule after this fault does not depend on which it was.
            var length = TimeSpan.FromSeconds(1 + random.NextDouble() * 5);
            await InjectAsync(kind, string.Create(CultureInfo.InvariantCulture, $"fault-{lane}{n}"), target, length, abort);
        }
    }

    private async Task InjectAsync(string kind, string id, int silo, TimeSpan length, CancellationToken abort)
    {
        var host = silo >= 0 ? cluster.Silos[silo] : null;
        var pid = host?.Pid ?? 0;
        // A store outage is meant to outlast the silos' own retries: 10-30 s.
        var held = kind == FaultKinds.StoreOutage ? TimeSpan.FromSeconds(10) + (length - TimeSpan.FromSeconds(1)) * 4 : length;
        history.Add(at => new SoakEvent(at, EventTypes.FaultStart, kind, id, silo, Pid: pid, Detail: $"{held.TotalSeconds:F1} s"));
        string? detail = null;
        try
        {
            await DoAsync(kind, host, held, abort);
            if (host is not null)
            {
                await cluster.ReviveAsync(silo, abort);
            }
            else if (kind == FaultKinds.BrokerRestart)
            {
                await cluster.WaitBusConnectedAsync(BusReconnectTimeout, abort);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException && !abort.IsCancellationRequested)
        {
            detail = ex.Message;
        }

        history.Add(at => new SoakEvent(at, EventTypes.FaultEnd, kind, id, silo, Detail: detail));
    }

    private async Task DoAsync(string kind, SiloHost? host, TimeSpan held, CancellationToken abort)
    {
        switch (kind)
        {
            case FaultKinds.Kill:
                await host!.KillAsync();
                await Task.Delay(held, abort);
                break;
            case FaultKinds.Pause:
                await host!.PauseAsync();
                await Task.Delay(held + TimeSpan.FromSeconds(2), abort);
                await host.ResumeAsync();
                if (host.Running)
                {
                    await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), abort);
                }

                break;
            case FaultKinds.BrokerRestart:
                await cluster.Broker.StopAsync();
                await Task.Delay(held, abort);
                await cluster.Broker.StartAsync();
                break;
            case FaultKinds.StoreOutage:
                var store = cluster.Store ?? throw new InvalidOperationException("store-outage needs a CouchDB-compatible store");
                await store.StopAsync();
                await Task.Delay(held, abort);
                await store.StartAsync();
                break;
            case FaultKinds.DiskFull:
                await using (await DiskFiller.FillAsync(settings.DataDirectory, abort))
                {
                    await Task.Delay(held, abort);
                }

                break;
            default:
                throw new InvalidOperationException($"unknown fault kind {kind}");
        }
    }
}
