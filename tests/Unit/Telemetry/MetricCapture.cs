using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MediaOrleans.Grains.Telemetry;

namespace MediaOrleans.Tests.Telemetry;

/// <summary>
/// Listens to the <c>MediaOrleans</c> meter and keeps every measurement, as an exporter would
/// see it. The instruments are process-wide, so tests using this run in the
/// <see cref="ProcessWideMetrics"/>, alone.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    /// <summary>Starts listening.</summary>
    public MetricCapture()
    {
        _ = MediaMetrics.PlaybackRequests; // the meter exists once the class is initialised
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MediaMetrics.MeterName)
            {
                Instruments.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>One measurement: instrument name, value, labels.</summary>
    public sealed record Measured(string Name, double Value, IReadOnlyDictionary<string, object?> Labels);

    /// <summary>Every instrument of the meter.</summary>
    public ConcurrentBag<Instrument> Instruments { get; } = [];

    /// <summary>Every measurement so far.</summary>
    public IReadOnlyList<Measured> Measurements => [.. _measured];

    /// <summary>Asks the observable instruments for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>The measurements of <paramref name="name"/> that carry all of <paramref name="labels"/>.</summary>
    public IReadOnlyList<Measured> Of(string name, params (string Label, object? Value)[] labels) =>
    [
        .. _measured.Where(m => m.Name == name && labels.All(l => m.Labels.TryGetValue(l.Label, out var v) && Equals(v, l.Value))),
    ];

    /// <summary>The sum of those measurements.</summary>
    public double Sum(string name, params (string Label, object? Value)[] labels) => Of(name, labels).Sum(m => m.Value);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue(new Measured(instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
}

/// <summary>Tests that read the process-wide instruments run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    /// <summary>The collection's name.</summary>
    public const string Name = "metrics";
}
