using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>
/// Resources: over the last half of each silo process's samples (warm-up left out) when they
/// span at least <see cref="CheckerSettings.MinSeriesMinutes"/>, the
/// least-squares slope of its resident memory and of its open file descriptors stays under the
/// bounds. A restarted silo is a new process with a new series.
/// </summary>
public static class ResourceRules
{
    public static IEnumerable<Violation> Check(IReadOnlyList<SoakEvent> history, CheckerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var series in history.Where(e => e.Type == EventTypes.Sample).GroupBy(e => (e.Silo, e.Pid)))
        {
            var samples = series.OrderBy(e => e.At).ToList();
            if (!Judged(samples, settings))
            {
                continue;
            }

            var tail = samples.Skip(samples.Count / 2).ToList();
            var subject = $"silo {series.Key.Silo} (pid {series.Key.Pid})";
            IReadOnlyList<SoakEvent> excerpt = [tail[0], tail[tail.Count / 2], tail[^1]];
            var rssSlope = Slope(tail, e => e.Rss / (1024.0 * 1024.0)) * 60;
            if (rssSlope > settings.MaxRssSlopeMbPerMinute)
            {
                yield return new Violation(ViolationKinds.MemoryGrowth, subject,
                    $"{subject}: RSS grew {rssSlope:F2} MB/min over its last {tail.Count} samples (bound {settings.MaxRssSlopeMbPerMinute} MB/min)", excerpt);
            }

            var fdSlope = Slope(tail, e => e.Fds) * 60;
            if (fdSlope > settings.MaxFdSlopePerMinute)
            {
                yield return new Violation(ViolationKinds.FdLeak, subject,
                    $"{subject}: open descriptors grew {fdSlope:F2}/min over its last {tail.Count} samples (bound {settings.MaxFdSlopePerMinute}/min)", excerpt);
            }
        }
    }

    /// <summary>Whether a series of samples spans long enough to be judged.</summary>
    public static bool Judged(IReadOnlyList<SoakEvent> samples, CheckerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(settings);
        return samples.Count >= 4 && samples[^1].At - samples[0].At >= settings.MinSeriesMinutes * 60;
    }

    /// <summary>The silo processes sampled, and how many of them spanned long enough to be judged.</summary>
    public static (int Series, int Judged) Coverage(IReadOnlyList<SoakEvent> history, CheckerSettings settings)
    {
        var series = history.Where(e => e.Type == EventTypes.Sample).GroupBy(e => (e.Silo, e.Pid)).Select(g => g.OrderBy(e => e.At).ToList()).ToList();
        return (series.Count, series.Count(s => Judged(s, settings)));
    }

    /// <summary>The least-squares slope of <paramref name="value"/> against time, per second.</summary>
    public static double Slope(IReadOnlyList<SoakEvent> samples, Func<SoakEvent, double> value)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(value);
        var meanT = samples.Average(e => e.At);
        var meanV = samples.Average(value);
        var covariance = samples.Sum(e => (e.At - meanT) * (value(e) - meanV));
        var variance = samples.Sum(e => (e.At - meanT) * (e.At - meanT));
        return variance == 0 ? 0 : covariance / variance;
    }
}
