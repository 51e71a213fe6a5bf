namespace MediaOrleans.Soak.History;

/// <summary>
/// One line of a soak history. <see cref="Type"/> says what happened (<see cref="EventTypes"/>),
/// <see cref="Kind"/> to what (an <see cref="OpKinds"/> or <see cref="FaultKinds"/> value) and
/// <see cref="Id"/> ties an operation's start, end and replies together. Times are seconds since
/// the run started, so a history reads the same whatever the clock said.
/// </summary>
/// <param name="At">Seconds since the run started.</param>
/// <param name="Type">start, end, reply, fault-start, fault-end or sample.</param>
/// <param name="Kind">The operation or fault kind.</param>
/// <param name="Id">The operation's id (recording name, Msg-ID, play number) or the fault's.</param>
/// <param name="Silo">The silo (0-based) the operation or fault addressed; -1 for none.</param>
/// <param name="Ok">Whether the operation succeeded (end) or the source ended cleanly (record end).</param>
/// <param name="Bytes">Bytes sent (record), stored (store) or received (play, listen).</param>
/// <param name="Digest">SHA-256 (hex) of the bytes received or stored.</param>
/// <param name="Expected">SHA-256 (hex) of the bytes a play must return.</param>
/// <param name="Detail">The payload a recording sent (start), the media name (store), an error text.</param>
/// <param name="Pid">The silo's process id (sample).</param>
/// <param name="Rss">Resident set size in bytes (sample).</param>
/// <param name="Fds">Open file descriptors (sample).</param>
public sealed record SoakEvent(
    double At,
    string Type,
    string Kind,
    string Id,
    int Silo = -1,
    bool Ok = true,
    long Bytes = 0,
    string? Digest = null,
    string? Expected = null,
    string? Detail = null,
    int Pid = 0,
    long Rss = 0,
    int Fds = 0);

/// <summary>Values of <see cref="SoakEvent.Type"/>.</summary>
public static class EventTypes
{
    public const string Start = "start";
    public const string End = "end";
    public const string Reply = "reply";
    public const string FaultStart = "fault-start";
    public const string FaultEnd = "fault-end";
    public const string Sample = "sample";
}

/// <summary>Operation kinds.</summary>
public static class OpKinds
{
    /// <summary>A libshout source streaming a recording; end Ok = the source finished cleanly.</summary>
    public const string Record = "record";

    /// <summary>Storing a recording as media, then reading the item back; Digest of what was read.</summary>
    public const string Store = "store";

    /// <summary>An HTTP GET of a WAV item.</summary>
    public const string PlayWav = "play-wav";

    /// <summary>A SHOUT GET of an MP3 item.</summary>
    public const string PlayMp3 = "play-mp3";

    /// <summary>A listener on a continuous (extant) stream; end Ok = the audio it got decodes.</summary>
    public const string Listen = "listen";

    /// <summary>A media_req on the bus; replies come as reply events with the same Id (Msg-ID).</summary>
    public const string BusMedia = "bus-media";

    /// <summary>A record_req on the bus.</summary>
    public const string BusRecord = "bus-record";

    /// <summary>Every operation kind whose failures must fall in a failover window.</summary>
    public static readonly IReadOnlyList<string> Plays = [PlayWav, PlayMp3, Listen];
}

/// <summary>Fault kinds.</summary>
public static class FaultKinds
{
    /// <summary>SIGKILL of a silo, restarted after a pause; the fault ends when it is healthy again.</summary>
    public const string Kill = "kill";

    /// <summary>SIGSTOP of a silo for some seconds, then SIGCONT.</summary>
    public const string Pause = "pause";

    /// <summary>RabbitMQ stopped and started again; the fault ends when every silo consumes again.</summary>
    public const string BrokerRestart = "broker-restart";

    /// <summary>The CouchDB-compatible store stopped for 10-30 s, then started again with its data.</summary>
    public const string StoreOutage = "store-outage";

    /// <summary>The file system of the shared spool filled to its last byte for some seconds, then freed.</summary>
    public const string DiskFull = "disk-full";

    /// <summary>Every kind, in the order the injector's draws index them.</summary>
    public static readonly IReadOnlyList<string> All = [Kill, Pause, BrokerRestart, StoreOutage, DiskFull];

    /// <summary>Kinds that touch every silo at once (their events carry silo -1).</summary>
    public static readonly IReadOnlyList<string> ClusterWide = [BrokerRestart, StoreOutage, DiskFull];
}
