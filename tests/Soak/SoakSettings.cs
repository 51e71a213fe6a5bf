using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak;

/// <summary>Everything a soak run needs; the schedule of load and faults follows from <see cref="Seed"/>.</summary>
/// <param name="Seed">Seeds every random choice (which silo, which item, which fault when).</param>
/// <param name="Duration">How long load and faults run; the run then drains and checks.</param>
/// <param name="SiloAssembly">The built MediaOrleans.Silo.dll.</param>
/// <param name="ClusteringConnectionString">PostgreSQL database for Orleans membership.</param>
/// <param name="ClusterId">Orleans cluster id.</param>
/// <param name="WorkDirectory">Shared data directory, silo logs, audio, history.</param>
/// <param name="ModShoutClient">Path of the modshout-client binary.</param>
/// <param name="Faults">Fault kinds the injector chooses from (<see cref="FaultKinds"/>).</param>
public sealed record SoakSettings(
    int Seed,
    TimeSpan Duration,
    string SiloAssembly,
    string ClusteringConnectionString,
    string ClusterId,
    string WorkDirectory,
    string ModShoutClient,
    IReadOnlyList<string> Faults)
{
    /// <summary>The silos' shared data directory (spool, and media in the directory store).</summary>
    public string DataDirectory => Path.Combine(WorkDirectory, "data");

    /// <summary>Silos in the cluster.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>
    /// The silo kill and pause faults spare: it serves load and lives through every other fault,
    /// so its memory and descriptors form one series as long as the run. -1 spares none.
    /// </summary>
    public int ObservedSilo { get; init; }

    /// <summary>Recordings streaming at once.</summary>
    public int ConcurrentRecordings { get; init; } = 6;

    /// <summary>Seconds of audio per recording, chosen per recording between these.</summary>
    public int MinRecordingSeconds { get; init; } = 10;

    public int MaxRecordingSeconds { get; init; } = 30;

    /// <summary>Pause between two plays (WAV and MP3 alternate at random).</summary>
    public TimeSpan PlayInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause between two bus requests (media_req and record_req at random).</summary>
    public TimeSpan BusInterval { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Pause between two continuous-stream listens, and how long each listens.</summary>
    public TimeSpan ListenInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ListenLength { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Pause between two faults of one lane (silo faults; broker, store and disk faults), chosen between these.</summary>
    public TimeSpan MinFaultGap { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxFaultGap { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long an operation may take before the client gives up (a clean error).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a bus request waits for its reply.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a recording may take to be stored after its source ended (a killed silo must restart and recover it).</summary>
    public TimeSpan StoreDeadline { get; init; } = TimeSpan.FromSeconds(120);
}
