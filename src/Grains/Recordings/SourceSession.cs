using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Grains.Telemetry;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// The one source a recording admitted: its session id (appends from any other connection are
/// refused), the spool writer its bytes go to, when it was last heard from (a source that goes
/// quiet without closing is lost), and the meter that counts its audio as it arrives, because a
/// recording's length limit is audio time, not the time its bytes took to come. Closing ends the
/// writer and the session; the metered duration stays for the recording's record. A session
/// taken over by a new activation of the recording keeps its id (<paramref name="id"/>), so the
/// source's connection goes on appending without noticing.
/// </summary>
internal sealed class SourceSession(IRecordingSpoolWriter writer, DateTimeOffset admittedAt, Guid? id = null)
{
    private readonly Mp3StreamMeter _meter = new();
    // Receiving from the session's start to its close: the one pair of the receiving gauge.
    private IRecordingSpoolWriter? _writer = Receiving(writer);

    /// <summary>The id the source presents with every append.</summary>
    public Guid Id { get; } = id ?? Guid.NewGuid();

    /// <summary>When the source last sent bytes (or was admitted).</summary>
    public DateTimeOffset LastHeard { get; private set; } = admittedAt;

    /// <summary>Audio received so far, in milliseconds.</summary>
    public long DurationMs => _meter.DurationMs;

    /// <summary>Whether <paramref name="session"/> is this open session.</summary>
    public bool Admits(Guid session) => _writer is not null && session == Id;

    /// <summary>Spools and meters <paramref name="data"/>, heard at <paramref name="now"/>.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, DateTimeOffset now)
    {
        var spool = _writer ?? throw new InvalidOperationException("the source session is closed");
        LastHeard = now;
        await spool.AppendAsync(data);
        _meter.Append(data.Span);
    }

    /// <summary>Meters audio an earlier activation already spooled for this session, without spooling it again.</summary>
    public void MeterSpooled(ReadOnlySpan<byte> spooled) => _meter.Append(spooled);

    /// <summary>
    /// Cuts the spool back to the <paramref name="confirmed"/> bytes after a failed append, so it
    /// never holds part of a chunk the recording did not count.
    /// </summary>
    public void CutBack(long confirmed) => _writer?.Truncate(confirmed);

    /// <summary>
    /// Ends the session: no append is admitted any more, and the spool file is closed. The session
    /// is closed even when closing the file fails (a full disk can fail its last flush).
    /// </summary>
    public async ValueTask CloseAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            MediaMetrics.RecordingsReceiving.Add(-1);
            await writer.DisposeAsync();
        }
    }

    private static IRecordingSpoolWriter Receiving(IRecordingSpoolWriter writer)
    {
        MediaMetrics.RecordingsReceiving.Add(1);
        return writer;
    }
}
