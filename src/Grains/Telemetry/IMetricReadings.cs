namespace MediaOrleans.Grains.Telemetry;

/// <summary>
/// Values the <c>MediaOrleans</c> gauges read when the exporter collects: what this silo holds
/// now, rather than what happened. The silo implements it over its caches and streams.
/// </summary>
public interface IMetricReadings
{
    /// <summary>Each memory tier of <c>/api/silo</c>: its name, the bytes it holds and its budget.</summary>
    IEnumerable<TierReading> Tiers();

    /// <summary>Continuous streams running.</summary>
    long LiveMounts { get; }

    /// <summary>Listeners of those streams.</summary>
    long LiveListeners { get; }
}

/// <summary>One memory tier now: <paramref name="Tier"/> is <c>grains</c>, <c>transcoded</c> or <c>listeners</c>.</summary>
public sealed record TierReading(string Tier, long Bytes, long Budget);
