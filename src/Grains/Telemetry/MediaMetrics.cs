using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MediaOrleans.Grains.Telemetry;

/// <summary>
/// Every instrument of the <c>MediaOrleans</c> meter, in one place, so the list in the README
/// can be checked against one file. Names and units follow OpenTelemetry's conventions (dotted
/// names, UCUM units: <c>s</c>, <c>By</c>, <c>{request}</c>); the Prometheus exporter turns
/// <c>mediaorleans.playback.requests</c> into <c>mediaorleans_playback_requests_total</c>.
/// Labels only ever carry values from small fixed sets (listener, kind, status, tier, reason,
/// event): a media or recording name would make one series per item and sink the time-series
/// database. Values that are read rather than counted (bytes a tier holds, mounts running) come
/// from the <see cref="IMetricReadings"/> the silo registers with <see cref="Observe"/>.
/// </summary>
public static class MediaMetrics
{
    /// <summary>The meter's name, which the exporter subscribes to.</summary>
    public const string MeterName = "MediaOrleans";

    // Seconds, from a cached first byte (sub-millisecond) to a transcode or a slow store (tens of seconds).
    private static readonly double[] SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly Meter Meter = new(MeterName);
    private static readonly Lock Gate = new();
    private static IMetricReadings[] _readings = [];

    /// <summary>Playback requests answered, by <c>listener</c>, <c>kind</c> and <c>status</c>.</summary>
    public static readonly Counter<long> PlaybackRequests = Meter.CreateCounter<long>(
        "mediaorleans.playback.requests", "{request}", "Playback requests answered, by listener, kind and HTTP status");

    /// <summary>Body bytes sent to players, by <c>listener</c> and <c>kind</c>.</summary>
    public static readonly Counter<long> PlaybackSent = Meter.CreateCounter<long>(
        "mediaorleans.playback.sent", "By", "Body bytes sent to players, by listener and kind");

    /// <summary>From a request's head read to its first answer byte sent, by <c>listener</c> and <c>kind</c>.</summary>
    public static readonly Histogram<double> PlaybackFirstByte = Seconds(
        "mediaorleans.playback.first_byte.duration", "Time from a playback request's head to the first byte of its answer");

    /// <summary>Connections open on a media listener's port, by <c>listener</c>.</summary>
    public static readonly UpDownCounter<long> ListenerConnections = Meter.CreateUpDownCounter<long>(
        "mediaorleans.listener.active_connections", "{connection}", "Connections open on a media listener's port (http, shout)");

    /// <summary>Lookups a memory tier answered from what it holds, by <c>tier</c>.</summary>
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "mediaorleans.cache.hits", "{lookup}", "Lookups a memory tier answered from what it holds");

    /// <summary>Lookups a memory tier had to load, by <c>tier</c>.</summary>
    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "mediaorleans.cache.misses", "{lookup}", "Lookups a memory tier had to load or make");

    /// <summary>Entries a memory tier let go to stay within its budget, by <c>tier</c>.</summary>
    public static readonly Counter<long> CacheEvictions = Meter.CreateCounter<long>(
        "mediaorleans.cache.evictions", "{entry}", "Entries a memory tier let go to stay within its budget");

    /// <summary>Loads of a media version's bytes from the store.</summary>
    public static readonly Counter<long> StoreReads = Meter.CreateCounter<long>(
        "mediaorleans.store.reads", "{read}", "Loads of a media version's bytes from the media store");

    /// <summary>How long a load from the store took, to its last byte.</summary>
    public static readonly Histogram<double> StoreReadDuration = Seconds(
        "mediaorleans.store.read.duration", "Time a load of a media version from the store took, to its last byte");

    /// <summary>Loads from the store that failed, by <c>reason</c>.</summary>
    public static readonly Counter<long> StoreReadFailures = Meter.CreateCounter<long>(
        "mediaorleans.store.read.failures", "{read}", "Loads from the media store that failed, by reason");

    /// <summary>Variants transcoded.</summary>
    public static readonly Counter<long> Transcodes = Meter.CreateCounter<long>(
        "mediaorleans.transcodes", "{transcode}", "Variants transcoded (decoded, resampled, written as WAV)");

    /// <summary>Seconds of audio transcoded.</summary>
    public static readonly Counter<double> TranscodedAudio = Meter.CreateCounter<double>(
        "mediaorleans.transcode.audio", "s", "Seconds of audio transcoded");

    /// <summary>How long a transcode took.</summary>
    public static readonly Histogram<double> TranscodeDuration = Seconds(
        "mediaorleans.transcode.duration", "Time one transcode took");

    /// <summary>Transcodes refused or failed, by <c>reason</c>.</summary>
    public static readonly Counter<long> TranscodeFailures = Meter.CreateCounter<long>(
        "mediaorleans.transcode.failures", "{transcode}", "Transcodes refused or failed, by reason");

    /// <summary>Recordings allocated.</summary>
    public static readonly Counter<long> RecordingsAllocated = Meter.CreateCounter<long>(
        "mediaorleans.recordings.allocated", "{recording}", "Recordings allocated");

    /// <summary>Recordings whose source is streaming now.</summary>
    public static readonly UpDownCounter<long> RecordingsReceiving = Meter.CreateUpDownCounter<long>(
        "mediaorleans.recordings.receiving", "{recording}", "Recordings whose source is streaming into this silo now");

    /// <summary>Recordings completed, by <c>reason</c> (the stoppedReason).</summary>
    public static readonly Counter<long> RecordingsCompleted = Meter.CreateCounter<long>(
        "mediaorleans.recordings.completed", "{recording}", "Recordings completed, by stopped reason");

    /// <summary>Recording bytes received and spooled.</summary>
    public static readonly Counter<long> RecordingsReceived = Meter.CreateCounter<long>(
        "mediaorleans.recordings.received", "By", "Recording bytes received and spooled");

    /// <summary>Sources refused for credentials the recording does not know.</summary>
    public static readonly Counter<long> RecordingAuthFailures = Meter.CreateCounter<long>(
        "mediaorleans.recordings.auth_failures", "{attempt}", "Sources refused for credentials no recording knows");

    /// <summary>Recordings waiting for the store to come back to be stored.</summary>
    public static readonly UpDownCounter<long> RecordingStoresPending = Meter.CreateUpDownCounter<long>(
        "mediaorleans.recordings.stores_pending", "{recording}", "Recordings waiting for the media store to be stored");

    /// <summary>Listeners a continuous stream dropped for reading too slowly.</summary>
    public static readonly Counter<long> LiveListenersDropped = Meter.CreateCounter<long>(
        "mediaorleans.live.dropped", "{listener}", "Continuous-stream listeners dropped for reading too slowly");

    /// <summary>Bus requests settled, by <c>event</c> and <c>result</c>.</summary>
    public static readonly Counter<long> BusRequests = Meter.CreateCounter<long>(
        "mediaorleans.bus.requests", "{request}", "Bus requests settled, by request event and result");

    /// <summary>From a bus request's delivery to its settlement (reply confirmed by the broker), by <c>event</c>.</summary>
    public static readonly Histogram<double> BusRequestDuration = Seconds(
        "mediaorleans.bus.request.duration", "Time from a bus request's delivery to its settlement (reply confirmed)");

    /// <summary>Broker connections lost and reconnected.</summary>
    public static readonly Counter<long> BusReconnects = Meter.CreateCounter<long>(
        "mediaorleans.bus.reconnects", "{reconnect}", "Broker connections lost after being established");

    /// <summary>Replies published and not yet confirmed by the broker.</summary>
    public static readonly UpDownCounter<long> BusConfirmsOutstanding = Meter.CreateUpDownCounter<long>(
        "mediaorleans.bus.confirms_outstanding", "{confirm}", "Replies published and not yet confirmed by the broker");

    static MediaMetrics()
    {
        Meter.CreateObservableGauge("mediaorleans.cache.size", () => Read(r => r.Tiers().Select(
            t => new Measurement<long>(t.Bytes, new KeyValuePair<string, object?>("tier", t.Tier)))),
            "By", "Bytes a memory tier holds now");
        Meter.CreateObservableGauge("mediaorleans.cache.limit", () => Read(r => r.Tiers().Select(
            t => new Measurement<long>(t.Budget, new KeyValuePair<string, object?>("tier", t.Tier)))),
            "By", "The budget of a memory tier");
        Meter.CreateObservableUpDownCounter("mediaorleans.live.mounts", () => Read(r => [new Measurement<long>(r.LiveMounts)]),
            "{mount}", "Continuous streams running on this silo");
        Meter.CreateObservableUpDownCounter("mediaorleans.live.listeners", () => Read(r => [new Measurement<long>(r.LiveListeners)]),
            "{listener}", "Listeners of this silo's continuous streams");
    }

    /// <summary>
    /// Lets the gauges read <paramref name="readings"/> until the returned handle is disposed
    /// (one silo registers one; a test host with several silos in one process yields several).
    /// </summary>
    public static IDisposable Observe(IMetricReadings readings)
    {
        lock (Gate)
        {
            _readings = [.. _readings, readings];
        }

        return new Registration(readings);
    }

    /// <summary>The tag list of one label.</summary>
    public static TagList Tag(string name, object? value) => new() { { name, value } };

    /// <summary>The tag list of two labels.</summary>
    public static TagList Tags(string name1, object? value1, string name2, object? value2) =>
        new() { { name1, value1 }, { name2, value2 } };

    private static Histogram<double> Seconds(string name, string description) => Meter.CreateHistogram(
        name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static List<Measurement<long>> Read(Func<IMetricReadings, IEnumerable<Measurement<long>>> read) =>
        Volatile.Read(ref _readings).SelectMany(read).ToList();

    private sealed class Registration(IMetricReadings readings) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                _readings = [.. _readings.Where(each => !ReferenceEquals(each, readings))];
            }
        }
    }
}
