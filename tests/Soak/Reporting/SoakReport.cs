using System.Globalization;
using System.Text;
using System.Text.Json;
using MediaOrleans.Soak.Checking;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Reporting;

/// <summary>
/// The end-of-run report in markdown: operations per kind (ok / failed), faults per kind,
/// latency p50/p99 per kind inside and outside fault windows, and every violation with the
/// history lines that show it and the seed that replays the run.
/// </summary>
public static class SoakReport
{
    public static string Write(IReadOnlyList<SoakEvent> history, IReadOnlyList<Violation> violations, int seed, CheckerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(settings);
        var faults = new FaultWindows(history, settings.FailoverWindowSeconds);
        var starts = new StartIndex(history);
        var text = new StringBuilder();
        var duration = history.Count == 0 ? 0 : history.Max(e => e.At);
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak: seed {seed}, {duration / 60:F1} min, failover window {settings.FailoverWindowSeconds} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"Replay: SEED={seed} bash bench/soak.sh");
        text.AppendLine();
        text.AppendLine("| operation | done | ok | failed | p50 / p99 ms outside faults | p50 / p99 ms inside fault windows |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var kind in history.Where(e => e.Type == EventTypes.End).GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var timed = kind.Select(end => (End: end, Start: starts.Of(end) ?? end))
                .Select(p => (Inside: faults.Overlaps(p.Start.At, p.End.At), Ms: (p.End.At - p.Start.At) * 1000)).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Key} | {kind.Count()} | {kind.Count(e => e.Ok)} | {kind.Count(e => !e.Ok)} | {Percentiles(timed.Where(t => !t.Inside).Select(t => t.Ms))} | {Percentiles(timed.Where(t => t.Inside).Select(t => t.Ms))} |");
        }

        text.AppendLine();
        var injected = history.Where(e => e.Type == EventTypes.FaultStart).GroupBy(e => e.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Faults: {injected.Sum(g => g.Count())} ({string.Join(", ", injected.Select(g => $"{g.Key} {g.Count()}"))})");
        var (series, judged) = ResourceRules.Coverage(history, settings);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Memory and descriptors: {judged} of {series} silo processes sampled for at least {settings.MinSeriesMinutes} min, judged by their last half");
        foreach (var silo in history.Where(e => e.Type == EventTypes.Sample).GroupBy(e => e.Silo).OrderBy(g => g.Key))
        {
            var first = silo.MinBy(e => e.At)!;
            var last = silo.MaxBy(e => e.At)!;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  silo {silo.Key}: RSS {first.Rss / 1048576} -> {last.Rss / 1048576} MB (max {silo.Max(e => e.Rss) / 1048576}), fds {first.Fds} -> {last.Fds} (max {silo.Max(e => e.Fds)})");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Violations: {violations.Count}");
        foreach (var violation in violations)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Kind}: {violation.Message}");
            foreach (var e in violation.Excerpt)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {JsonSerializer.Serialize(e, HistoryJson.Options)}");
            }
        }

        return text.ToString();
    }

    /// <summary>"p50 / p99" by nearest rank, or "-" for none.</summary>
    public static string Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Rank(sorted, 0.50):F0} / {Rank(sorted, 0.99):F0}");
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
