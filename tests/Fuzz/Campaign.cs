using System.Diagnostics;
using System.Globalization;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Runs the campaign: inputs in batches, several in flight, each family chosen and each input
/// built from its own generator seeded by (seed, input number), so any input can be replayed.
/// After every batch: the control playback byte-exact, health, the process alive, RSS in bound.
/// </summary>
public static class Campaign
{
    public static async Task<FuzzReport> RunAsync(FuzzSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        using var target = await Target.PrepareAsync(settings, cancellationToken);
        var bus = settings.BusUri is null ? null : new BusMessages(target);
        List<IFamily> families = [new HttpHeads(target), new AdminJson(target), new ShoutDialogues(target), new AudioUploads(target)];
        if (bus is not null)
        {
            families.Add(bus);
        }

        var report = new FuzzReport(settings.Seed, families.Select(f => f.Name));
        var probe = new SiloProbe(settings.SiloPid);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var start = 0; start < settings.Inputs; start += settings.BatchSize)
            {
                var inputs = Enumerable.Range(start, Math.Min(settings.BatchSize, settings.Inputs - start));
                var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(inputs, options, async (input, token) =>
                {
                    var random = new Random(InputSeed(settings.Seed, input));
                    var family = families[random.Next(families.Count)];
                    report.Record(family.Name, input, await family.SendAsync(random, settings.Deadline, token), settings.Allowed);
                });

                var batch = start / settings.BatchSize;
                report.Check(batch, await target.CheckControlAsync(cancellationToken), probe.RssMegabytes, probe.Alive, settings.MaxRssMegabytes);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[fuzz] {start + inputs.Count():N0}/{settings.Inputs:N0} inputs, {clock.Elapsed.TotalSeconds:0} s, RSS {probe.RssMegabytes} MiB, {(report.Clean ? "clean so far" : "FAILURES")}"));
                if (report.Crashed)
                {
                    break;
                }
            }
        }
        finally
        {
            report.Duration = clock.Elapsed;
            if (bus is not null)
            {
                await bus.DisposeAsync();
            }
        }

        return report;
    }

    /// <summary>The seed of input <paramref name="input"/>: a mix of both, so neighbouring inputs differ widely.</summary>
    public static int InputSeed(int seed, int input) => unchecked((int)(((uint)seed * 2_654_435_761u) ^ ((uint)input * 40_503u) ^ (uint)input));
}
