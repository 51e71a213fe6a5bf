using MediaOrleans.Grains.Storage;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Owns one recording. Not reentrant: appends, state changes and store run one at a time, so
/// the spool and the saved record never disagree. Placed on the silo that allocates it: the
/// source URL names that silo, so every append from mod_shout is a local call. An activation
/// that finds the recording receiving takes its source session over while the silo holding the
/// source connection is alive (the grain itself was deactivated, not the source), and finishes it
/// as interrupted once that silo has left the cluster. A spool that cannot be written (a full
/// disk) ends the source as <c>spool-failed</c> with the bytes confirmed before, refuses new
/// sources, and a record the disk refused is saved again until there is room (<see cref="SpoolFailure"/>).
/// The grain orchestrates a recording's life (allocation, source, limits, completion); the record
/// and its saving are <see cref="RecordKeeper"/>'s, storing it as media is <see cref="PendingStore"/>'s.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class RecordingGrain : Grain, IRecordingGrain
{
    private const int MaxReadBytes = 1024 * 1024;
    private readonly IRecordingSpool _spool;
    private readonly IClusterPresence _presence;
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecordingLimits _limits;
    private readonly SourceWatchdog _watchdog;
    private readonly SpoolFailure _spoolFailure = new();
    private readonly RecordKeeper _records;
    private readonly PendingStore _store;
    private SourceSession? _source;
    private long _bytes;

    // Not a primary constructor: the parts share the watchdog and the once-per-recording spool
    // failure warning, so they are built from the fields.
    public RecordingGrain(
        IRecordingSpool spool,
        IClusterPresence presence,
        IGrainFactory grains,
        IOptions<RecordingOptions> options,
        TimeProvider time,
        ILogger<RecordingGrain> logger)
    {
        _spool = spool;
        _presence = presence;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _limits = new RecordingLimits(_options);
        _watchdog = new SourceWatchdog(_options.SourceLostSeconds);
        _records = new RecordKeeper(spool, _watchdog, _spoolFailure, logger);
        _store = new PendingStore(grains, spool, _records, new StoreRetrySchedule(_options), _spoolFailure, logger);
    }

    private string Name => this.GetPrimaryKeyString();

    private RecordingRecord? Record => _records.Current;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An invalid name never reaches the spool: calls then answer InvalidName or Unknown.
        if (!MediaName.IsValid(Name))
        {
            return;
        }

        await _records.LoadAsync(Name, cancellationToken);
        _bytes = Record is null ? 0 : _spool.GetLength(Name);
        if (Record is { State: RecordingState.Receiving, SourceId: { } session, SourceSilo: { } holder } && _presence.IsActive(holder))
        {
            // Only this grain's activation went away (Orleans deactivates activations whose
            // directory entry was on a silo that died, for one), while its source goes on
            // streaming into a live silo: the session continues here, and no byte is refused.
            await ResumeSourceAsync(session);
            RecordingLog.SourceResumed(_logger, Name, _bytes, holder);
        }
        else if (Record is { State: RecordingState.Receiving })
        {
            // The silo that was receiving stopped mid-stream: everything it spooled is kept, and
            // its live meter went with it.
            RecordingLog.Recovered(_logger, Name, _bytes);
            await CompleteAsync("interrupted", await SpooledAudio.DurationMsAsync(_spool, Name, _bytes));
        }

        // A store accepted before this silo (or the previous activation) stopped: finish it.
        _store.ResumeIfPending(this, Name, _bytes);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_source is not null)
        {
            await _source.CloseAsync();
        }

        // Orleans may deactivate a grain it was asked to keep (its directory entry died with a
        // silo): a record the disk refused gets one more try, or the next activation would find
        // the recording as it was before it ended.
        await _records.SaveAgainAsync();
    }

    public async Task<RecordingAllocation> AllocateAsync(RecordingRequest request)
    {
        if (!MediaName.IsValid(Name))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{Name}' is not a valid recording name");
        }

        if (Record is not null)
        {
            throw new MediaRejectedException(MediaRejection.Conflict, $"recording '{Name}' already exists");
        }

        _limits.CheckRequested(request);
        var (user, password) = RecordingCredentials.Create();
        try
        {
            await _records.SaveAsync(new RecordingRecord(Name, RecordingState.Allocated, user, RecordingCredentials.Hash(password),
                request.MaxSeconds, _time.GetUtcNow()));
        }
        catch (IOException ex)
        {
            _spoolFailure.Report(_logger, Name, ex, "allocation refused");
            throw new MediaStoreUnavailableException($"recording '{Name}' cannot be allocated: the recording spool cannot be written");
        }

        MediaMetrics.RecordingsAllocated.Add(1);
        RecordingLog.Allocated(_logger, Name, request.MaxSeconds);
        return new RecordingAllocation(Name, user, password, request.MaxSeconds);
    }

    public async Task<SourceAdmission> BeginSourceAsync(string user, string password)
    {
        if (Record is null || !RecordingCredentials.Matches(Record, user, password))
        {
            MediaMetrics.RecordingAuthFailures.Add(1);
            return new SourceAdmission(SourceAdmissionResult.Unauthorized, Guid.Empty, 0);
        }

        await ExpireUnusedAsync();
        if (Record.State != RecordingState.Allocated)
        {
            // One source per recording, and a finished recording is never appended to.
            return new SourceAdmission(SourceAdmissionResult.Busy, Guid.Empty, 0);
        }

        try
        {
            var writer = _spool.OpenWriter(Name);
            _bytes = writer.Length;
            _source = new SourceSession(writer, _time.GetUtcNow());
            await _records.SaveAsync(Record with
            {
                State = RecordingState.Receiving, StartedAt = _source.LastHeard, SourceId = _source.Id, SourceSilo = _presence.LocalSilo,
            });
        }
        catch (IOException ex)
        {
            // Nothing was received yet: the recording stays allocated, so the source may try again once there is room.
            await _spoolFailure.CloseAsync(_logger, Name, _source);
            _source = null;
            _spoolFailure.Report(_logger, Name, ex, "its source is refused and the recording stays allocated");
            return new SourceAdmission(SourceAdmissionResult.Unavailable, Guid.Empty, 0);
        }

        _watchdog.Start(this, WatchSourceAsync);
        return new SourceAdmission(SourceAdmissionResult.Accepted, _source.Id, Record.MaxSeconds);
    }

    public async Task<AppendResult> AppendAsync(Guid session, RecordingChunk chunk)
    {
        if (Record is not { State: RecordingState.Receiving } record || _source?.Admits(session) != true)
        {
            return AppendResult.NotAdmitted;
        }

        var now = _time.GetUtcNow();
        if (_limits.BeforeAppend(record, now) is { } late)
        {
            await StopSourceAsync(late);
            return AppendResult.LimitReached;
        }

        var take = _limits.Admissible(_bytes, chunk.Data.Length);
        try
        {
            await _source.AppendAsync(chunk.Data.AsMemory(0, take), now);
        }
        catch (IOException ex)
        {
            _spoolFailure.CutBack(_logger, Name, _source, _bytes, ex);
            await StopSourceAsync(SpoolFailure.StoppedReason);
            return AppendResult.SpoolFailed;
        }

        _bytes += take;
        MediaMetrics.RecordingsReceived.Add(take);
        if (_limits.AfterAppend(record, _bytes, take < chunk.Data.Length, _source.DurationMs) is { } reached)
        {
            await StopSourceAsync(reached);
            return AppendResult.LimitReached;
        }

        return AppendResult.Continue;
    }

    public async Task<RecordingStatus> EndSourceAsync(Guid session, SourceEnd why)
    {
        if (Record is { State: RecordingState.Receiving } && _source?.Admits(session) == true)
        {
            await StopSourceAsync(why.Reason());
        }

        return Status();
    }

    public async Task<RecordingStatus> GetStatusAsync()
    {
        // Whoever looks also ends a recording whose source is gone, between two timer ticks, and
        // one whose source never came.
        await WatchSourceAsync(CancellationToken.None);
        await ExpireUnusedAsync();
        return Status();
    }

    public async Task<MediaChunk?> ReadAsync(long offset, int count)
    {
        if (Record is null || offset < 0)
        {
            return null;
        }

        var buffer = new byte[(int)Math.Clamp(Math.Min(count, _bytes - offset), 0, MaxReadBytes)];
        var read = buffer.Length == 0 ? 0 : await _spool.ReadAsync(Name, offset, buffer);
        return new MediaChunk(read == buffer.Length ? buffer : buffer[..read], _bytes);
    }

    public Task<MediaInfo> StoreAsync(string mediaName) => _store.StoreAsync(this, Name, _bytes, mediaName);

    // The spool already holds what the session sent to the earlier activation: appends go on
    // after it, and the meter counts it so the length limit stays one of audio time. The source
    // was last heard when its last byte was spooled, not now: a recording activated again and
    // again (its directory entry lost with each silo that dies) whose source is in fact gone
    // still ends as source-lost on time instead of each activation starting the clock anew.
    private async Task ResumeSourceAsync(Guid session)
    {
        var writer = _spool.OpenWriter(Name);
        _bytes = writer.Length;
        var now = _time.GetUtcNow();
        var heard = _spool.LastWrittenAt(Name) is { } written && written < now ? written : now;
        _source = new SourceSession(writer, heard, session);
        var spooled = new byte[_bytes];
        var read = await _spool.ReadAsync(Name, 0, spooled);
        _source.MeterSpooled(spooled.AsSpan(0, read));
        _watchdog.Start(this, WatchSourceAsync);
    }

    // The watchdog's look: a record the disk refused is saved again (no source is left then),
    // else a source that went quiet ends.
    private async Task WatchSourceAsync(CancellationToken cancellationToken)
    {
        if (await _records.SaveAgainAsync())
        {
            return;
        }

        if (Record is { State: RecordingState.Receiving } && _source is not null && _watchdog.IsLost(_source.LastHeard, _time.GetUtcNow()))
        {
            await StopSourceAsync("source-lost");
        }
    }

    // An allocation nobody recorded to within its time ends, so it stops holding a slot of the
    // silo's open recordings and its credentials stop working.
    private async Task ExpireUnusedAsync()
    {
        if (Record is { State: RecordingState.Allocated } record
            && _time.GetUtcNow() - record.AllocatedAt >= TimeSpan.FromSeconds(_options.AllocationTtlSeconds))
        {
            await CompleteAsync("expired", 0);
        }
    }

    private async Task StopSourceAsync(string reason)
    {
        _watchdog.Stop();
        var source = _source!;
        await _spoolFailure.CloseAsync(_logger, Name, _source);
        await CompleteAsync(reason, source.DurationMs);
    }

    // Complete even when the disk refuses the record: nothing is appended any more and the status
    // says so (RecordKeeper saves the record again until there is room).
    private async Task CompleteAsync(string reason, long durationMs)
    {
        var silence = await SpooledAudio.TrailingSilenceMsAsync(_spool, Name, _bytes);
        await _records.SaveOrKeepAsync(Record! with
        {
            State = RecordingState.Complete, EndedAt = _time.GetUtcNow(), StoppedReason = reason,
            DurationMs = durationMs, TrailingSilenceMs = silence, SourceId = null, SourceSilo = null,
        }, reason, this, WatchSourceAsync);
        MediaMetrics.RecordingsCompleted.Add(1, MediaMetrics.Tag("reason", reason));
        RecordingLog.Completed(_logger, Name, _bytes, reason);
    }

    private RecordingStatus Status() => Record is not { } record
        ? new RecordingStatus(Name, RecordingState.Unknown, 0, 0, null, null, null, null)
        : new RecordingStatus(Name, record.State, _bytes, record.MaxSeconds, record.StartedAt, record.EndedAt,
            record.StoppedReason, record.StoredAs,
            record.State == RecordingState.Receiving ? _source?.DurationMs ?? 0 : record.DurationMs, record.TrailingSilenceMs,
            record.PendingStoreAs);
}
