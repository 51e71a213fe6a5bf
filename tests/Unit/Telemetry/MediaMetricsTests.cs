using MediaOrleans.Grains.Telemetry;

namespace MediaOrleans.Tests.Telemetry;

/// <summary>The <c>MediaOrleans</c> meter: names, units, the README's list, and the gauges' readings.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class MediaMetricsTests
{
    [Fact]
    public void EveryInstrument_IsNamedUnderMediaorleans_WithAUnitAndADescription()
    {
        using var capture = new MetricCapture();

        // 25 counters, histograms and up-down counters, and the 4 observed ones: all published, none twice.
        Assert.Equal(29, capture.Instruments.Count);
        Assert.All(capture.Instruments, instrument =>
        {
            Assert.Matches("^mediaorleans(\\.[a-z_]+)+$", instrument.Name);
            Assert.False(string.IsNullOrEmpty(instrument.Unit), $"{instrument.Name} has no unit");
            Assert.False(string.IsNullOrEmpty(instrument.Description), $"{instrument.Name} has no description");
            // Durations in seconds, sizes in bytes: what OpenTelemetry's conventions ask for.
            if (instrument.Name.EndsWith(".duration", StringComparison.Ordinal))
            {
                Assert.Equal("s", instrument.Unit);
            }
        });
    }

    [Fact]
    public void TheReadme_ListsEveryInstrument()
    {
        using var capture = new MetricCapture();
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));

        Assert.All(capture.Instruments, instrument => Assert.Contains($"`{instrument.Name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Gauges_ReadEachRegisteredSilo_UntilItsRegistrationIsDisposed()
    {
        using var capture = new MetricCapture();
        var readings = new FixedReadings();

        using (MediaMetrics.Observe(readings))
        {
            capture.Observe();
        }

        capture.Observe();

        Assert.Equal(100, capture.Sum("mediaorleans.cache.size", ("tier", MemoryTiers.Grains)));
        Assert.Equal(1000, capture.Sum("mediaorleans.cache.limit", ("tier", MemoryTiers.Grains)));
        Assert.Equal(30, capture.Sum("mediaorleans.cache.size", ("tier", MemoryTiers.Listeners)));
        Assert.Equal(2, capture.Sum("mediaorleans.live.mounts"));
        Assert.Equal(7, capture.Sum("mediaorleans.live.listeners"));
        // One observation while registered: the second found nothing to read.
        Assert.Single(capture.Of("mediaorleans.live.mounts"));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MediaOrleans.sln above {AppContext.BaseDirectory}");
    }

    private sealed class FixedReadings : IMetricReadings
    {
        public long LiveMounts => 2;

        public long LiveListeners => 7;

        public IEnumerable<TierReading> Tiers() =>
        [
            new(MemoryTiers.Grains, 100, 1000),
            new(MemoryTiers.Transcoded, 20, 2000),
            new(MemoryTiers.Listeners, 30, 3000),
        ];
    }
}
