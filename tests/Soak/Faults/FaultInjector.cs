using System.Globalization;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Faults;

/// <summary>
/// Injects one fault at a time at random gaps, all drawn from the seed: SIGKILL of a silo and its
/// restart, SIGSTOP of a silo for some seconds then SIGCONT, a broker stop and start, a store stop
/// and start, the spool's file system filled and freed. A fault starts when it is done to the
/// system and ends when the system is whole again (the silo healthy, every silo consuming from the
/// broker, the store answering, the disk freed); a silo that stopped itself meanwhile (declared
/// dead while paused) is restarted within the same fault.
/// </summary>
public sealed class FaultInjector(SoakSettings settings, SoakCluster cluster, HistoryLog history)
{
    private static readonly TimeSpan BusReconnectTimeout = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(settings.Seed * 31 + 404);
        for (var n = 1; settings.Faults.Count > 0; n++)
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

            var kind = settings.Faults[random.Next(settings.Faults.Count)];
            var silo = random.Next(cluster.Silos.Count);
            var id = string.Create(CultureInfo.InvariantCulture, $"fault{n}");
            // Drawn whatever the kind, so the schedule after this fault does not depend on which it was.
            var length = TimeSpan.FromSeconds(1 + random.NextDouble() * 5);
            await InjectAsync(kind, id, FaultKinds.ClusterWide.Contains(kind) ? -1 : silo, length, abort);
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
            switch (kind)
            {
                case FaultKinds.Kill:
                    await host!.KillAsync();
                    await Task.Delay(held, abort);
                    await cluster.RestartAsync(silo, abort);
                    break;
                case FaultKinds.Pause:
                    await host!.PauseAsync();
                    await Task.Delay(held + TimeSpan.FromSeconds(2), abort);
                    await host.ResumeAsync();
                    await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), abort);
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
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException && !abort.IsCancellationRequested)
        {
            detail = ex.Message;
        }

        await cluster.ReviveAsync(abort);
        if (kind == FaultKinds.BrokerRestart)
        {
            await cluster.WaitBusConnectedAsync(BusReconnectTimeout, abort);
        }

        history.Add(at => new SoakEvent(at, EventTypes.FaultEnd, kind, id, silo, Detail: detail));
    }
}
