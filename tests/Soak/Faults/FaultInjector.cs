using System.Globalization;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Faults;

/// <summary>
/// Injects one fault at a time at random gaps, all drawn from the seed: SIGKILL of a silo and its
/// restart, SIGSTOP of a silo for some seconds then SIGCONT, a broker stop and start. A fault
/// starts when it is done to the system and ends when the system is whole again (the silo healthy,
/// the broker started); a silo that stopped itself meanwhile (declared dead while paused) is
/// restarted within the same fault.
/// </summary>
public sealed class FaultInjector(SoakSettings settings, SoakCluster cluster, HistoryLog history)
{
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
            await InjectAsync(kind, id, kind == FaultKinds.BrokerRestart ? -1 : silo, length, abort);
        }
    }

    private async Task InjectAsync(string kind, string id, int silo, TimeSpan length, CancellationToken abort)
    {
        var host = silo >= 0 ? cluster.Silos[silo] : null;
        var pid = host?.Pid ?? 0;
        history.Add(at => new SoakEvent(at, EventTypes.FaultStart, kind, id, silo, Pid: pid, Detail: $"{length.TotalSeconds:F1} s"));
        string? detail = null;
        try
        {
            switch (kind)
            {
                case FaultKinds.Kill:
                    await host!.KillAsync();
                    await Task.Delay(length, abort);
                    await cluster.RestartAsync(silo, abort);
                    break;
                case FaultKinds.Pause:
                    await host!.PauseAsync();
                    await Task.Delay(length + TimeSpan.FromSeconds(2), abort);
                    await host.ResumeAsync();
                    await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), abort);
                    break;
                case FaultKinds.BrokerRestart:
                    await cluster.Broker.StopAsync();
                    await Task.Delay(length, abort);
                    await cluster.Broker.StartAsync();
                    break;
                default:
                    throw new InvalidOperationException($"unknown fault kind {kind}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException && !abort.IsCancellationRequested)
        {
            detail = ex.Message;
        }

        await cluster.ReviveAsync(abort);
        history.Add(at => new SoakEvent(at, EventTypes.FaultEnd, kind, id, silo, Detail: detail));
    }
}
