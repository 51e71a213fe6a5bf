using MediaOrleans.Grains.Storage;
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
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class RecordingGrain(
    IRecordingSpool spool,
    IClusterPresence presence,
    IOptions<RecordingOptions> options,
    TimeProvider time,
    ILogger<RecordingGrain> logger) : Grain, IRecordingGrain
{
    private const int MaxReadBytes = 1024 * 1024;
    private readonly RecordingLimits _limits = new(options.Value);
    private readonly SourceWatchdog _watchdog = new(options.Value.SourceLostSeconds);
    private readonly StoreRetrySchedule _storeRetries = new(options.Value);
    private readonly SpoolFailure _spoolFailure = new();
    private RecordingRecord? _record;
    private SourceSession? _source;
    private long _bytes;
    private IGrainTimer? _storeRetry;

    // The record in memory is newer than the saved one: a full disk failed its save.
    private bool _recordUnsaved;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An invalid name never reaches the spool: calls then answer InvalidName or Unknown.
        if (!MediaName.IsValid(Name))
        {
            return;
        }

        _record = await spool.LoadAsync(Name, cancellationToken);
        _bytes = _record is null ? 0 : spool.GetLength(Name);
        if (_record is { State: RecordingState.Receiving, SourceId: { } session, SourceSilo: { } holder } && presence.IsActive(holder))
        {
            // Only this grain's activation went away (Orleans deactivates activations whose
            // directory entry was on a silo that died, for one), while its source goes on
            // streaming into a live silo: the session continues here, and no byte is refused.
            await ResumeSourceAsync(session);
            RecordingLog.SourceResumed(logger, Name, _bytes, holder);
        }
        else if (_record is { State: RecordingState.Receiving })
        {
            // The silo that was receiving stopped mid-stream: everything it spooled is kept, and
            // its live meter went with it.
            RecordingLog.Recovered(logger, Name, _bytes);
            await CompleteAsync("interrupted", await SpooledAudio.DurationMsAsync(spool, Name, _bytes));
        }

        if (_record?.PendingStoreAs is not null)
        {
            // A store accepted before this silo (or the previous activation) stopped: finish it.
            ScheduleStoreRetry();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_source is not null)
        {
            await _source.CloseAsync();
        }
    }

    public async Task<RecordingAllocation> AllocateAsync(RecordingRequest request)
    {
        if (!MediaName.IsValid(Name))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{Name}' is not a valid recording name");
        }

        if (_record is not null)
        {
            throw new MediaRejectedException(MediaRejection.Conflict, $"recording '{Name}' already exists");
        }

        _limits.CheckRequested(request);
        var (user, password) = RecordingCredentials.Create();
        try
        {
            await SaveAsync(new RecordingRecord(Name, RecordingState.Allocated, user, RecordingCredentials.Hash(password),
                request.MaxSeconds, time.GetUtcNow()));
        }
        catch (IOException ex)
        {
            _spoolFailure.Report(logger, Name, ex, "allocation refused");
            throw new MediaStoreUnavailableException($"recording '{Name}' cannot be allocated: the recording spool cannot be written");
        }

        RecordingLog.Allocated(logger, Name, request.MaxSeconds);
        return new RecordingAllocation(Name, user, password, request.MaxSeconds);
    }

    public async Task<SourceAdmission> BeginSourceAsync(string user, string password)
    {
        if (_record is null || !RecordingCredentials.Matches(_record, user, password))
        {
            return new SourceAdmission(SourceAdmissionResult.Unauthorized, Guid.Empty, 0);
        }

        await ExpireUnusedAsync();
        if (_record.State != RecordingState.Allocated)
        {
            // One source per recording, and a finished recording is never appended to.
            return new SourceAdmission(SourceAdmissionResult.Busy, Guid.Empty, 0);
        }

        try
        {
            var writer = spool.OpenWriter(Name);
            _bytes = writer.Length;
            _source = new SourceSession(writer, time.GetUtcNow());
            await SaveAsync(_record with
            {
                State = RecordingState.Receiving, StartedAt = _source.LastHeard, SourceId = _source.Id, SourceSilo = presence.LocalSilo,
            });
        }
        catch (IOException ex)
        {
            // Nothing was received yet: the recording stays allocated, so the source may try again once there is room.
            await CloseSourceAsync();
            _source = null;
            _spoolFailure.Report(logger, Name, ex, "its source is refused and the recording stays allocated");
            return new SourceAdmission(SourceAdmissionResult.Unavailable, Guid.Empty, 0);
        }

        _watchdog.Start(this, WatchSourceAsync);
        return new SourceAdmission(SourceAdmissionResult.Accepted, _source.Id, _record.MaxSeconds);
    }

    public async Task<AppendResult> AppendAsync(Guid session, RecordingChunk chunk)
    {
        if (_record is not { State: RecordingState.Receiving } record || _source?.Admits(session) != true)
        {
            return AppendResult.NotAdmitted;
        }

        var now = time.GetUtcNow();
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
            await StopOnSpoolFailureAsync(ex);
            return AppendResult.SpoolFailed;
        }

        _bytes += take;
        if (_limits.AfterAppend(record, _bytes, take < chunk.Data.Length, _source.DurationMs) is { } reached)
        {
            await StopSourceAsync(reached);
            return AppendResult.LimitReached;
        }

        return AppendResult.Continue;
    }

    public async Task<RecordingStatus> EndSourceAsync(Guid session, SourceEnd why)
    {
        if (_record is { State: RecordingState.Receiving } && _source?.Admits(session) == true)
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
        if (_record is null || offset < 0)
        {
            return null;
        }

        var buffer = new byte[(int)Math.Clamp(Math.Min(count, _bytes - offset), 0, MaxReadBytes)];
        var read = buffer.Length == 0 ? 0 : await spool.ReadAsync(Name, offset, buffer);
        return new MediaChunk(read == buffer.Length ? buffer : buffer[..read], _bytes);
    }

    public async Task<MediaInfo> StoreAsync(string mediaName)
    {
        StoreRequestRules.Check(Name, _record, _bytes, mediaName);

        // Saved before the attempt: if the store or this silo fails now, the store is retried.
        if (_record.PendingStoreAs is null)
        {
            try
            {
                await SaveAsync(_record with { PendingStoreAs = mediaName });
            }
            catch (IOException ex)
            {
                _spoolFailure.Report(logger, Name, ex, $"storing it as '{mediaName}' is refused");
                throw new MediaStoreUnavailableException(
                    $"recording '{Name}' cannot be stored now: the recording spool cannot be written; try again shortly");
            }
        }

        try
        {
            return await CompleteStoreAsync();
        }
        catch (Exception ex) when (IsStoreOutage(ex))
        {
            ScheduleStoreRetry();
            throw new MediaStoreUnavailableException(
                $"the media store is unavailable; recording '{Name}' stays spooled and is stored as '{mediaName}' when it is back");
        }
        catch (MediaRejectedException)
        {
            await SaveAsync(_record with { PendingStoreAs = null });
            throw;
        }
    }

    // The media grain's store writes nothing when the item already has these bytes, so a store
    // repeated after a lost answer or a restart never stores twice.
    private async Task<MediaInfo> CompleteStoreAsync()
    {
        var mediaName = _record!.PendingStoreAs!;
        var content = new byte[_bytes];
        var read = await spool.ReadAsync(Name, 0, content);
        var info = await GrainFactory.GetGrain<IMediaFileGrain>(mediaName)
            .ReplaceAsync(new MediaUpload("audio/mpeg", content[..read]));
        await SaveAsync(_record with { State = RecordingState.Stored, StoredAs = mediaName, PendingStoreAs = null });
        _storeRetry?.Dispose();
        _storeRetry = null;
        _storeRetries.Reset();
        RecordingLog.Stored(logger, Name, mediaName, info.Version, read);
        return info;
    }

    // The spool already holds what the session sent to the earlier activation: appends go on
    // after it, and the meter counts it so the length limit stays one of audio time.
    private async Task ResumeSourceAsync(Guid session)
    {
        var writer = spool.OpenWriter(Name);
        _bytes = writer.Length;
        _source = new SourceSession(writer, time.GetUtcNow(), session);
        var spooled = new byte[_bytes];
        var read = await spool.ReadAsync(Name, 0, spooled);
        _source.MeterSpooled(spooled.AsSpan(0, read));
        _watchdog.Start(this, WatchSourceAsync);
    }

    private async Task WatchSourceAsync(CancellationToken cancellationToken)
    {
        if (_recordUnsaved)
        {
            await SaveAgainAsync();
            return;
        }

        if (_record is { State: RecordingState.Receiving } && _source is not null && _watchdog.IsLost(_source.LastHeard, time.GetUtcNow()))
        {
            await StopSourceAsync("source-lost");
        }
    }

    // An allocation nobody recorded to within its time ends, so it stops holding a slot of the
    // silo's open recordings and its credentials stop working.
    private async Task ExpireUnusedAsync()
    {
        if (_record is { State: RecordingState.Allocated } record
            && time.GetUtcNow() - record.AllocatedAt >= TimeSpan.FromSeconds(options.Value.AllocationTtlSeconds))
        {
            await CompleteAsync("expired", 0);
        }
    }

    // An IOException is a full (or failing) disk under the media store or the spool: it passes, like an outage.
    private static bool IsStoreOutage(Exception ex) => ex is MediaStoreUnavailableException or TimeoutException or IOException;

    // A grain timer, not a reminder: the pending store is in the spooled record, which a silo
    // start scans (SpoolRecovery), and KeepAlive holds the grain until the store succeeds.
    private void ScheduleStoreRetry()
    {
        var delay = _storeRetries.Next();
        _storeRetry?.Dispose();
        _storeRetry = this.RegisterGrainTimer(RetryStoreAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        RecordingLog.StoreDeferred(logger, Name, _record!.PendingStoreAs!, delay.TotalSeconds);
    }

    private async Task RetryStoreAsync(CancellationToken cancellationToken)
    {
        if (_record?.PendingStoreAs is not { } mediaName)
        {
            return;
        }

        try
        {
            await CompleteStoreAsync();
        }
        catch (Exception ex) when (IsStoreOutage(ex))
        {
            ScheduleStoreRetry();
        }
        catch (MediaRejectedException rejected)
        {
            // The bytes can never become that media item; keep the recording, drop the request.
            RecordingLog.StoreRefused(logger, Name, mediaName, rejected.Message);
            await SaveAsync(_record with { PendingStoreAs = null });
        }
    }

    // The spool keeps exactly the bytes counted before the failed append: what that append wrote
    // of its chunk is cut away. Should even the cut fail, what stays past them is the start of
    // that chunk, still bytes the source sent, and nothing reads it (reads stop at the count).
    private async Task StopOnSpoolFailureAsync(IOException error)
    {
        try
        {
            _source!.CutBack(_bytes);
        }
        catch (IOException)
        {
            // Reported below with the append's own error.
        }

        _spoolFailure.Report(logger, Name, error, $"source stopped as {SpoolFailure.StoppedReason}, {_bytes} bytes kept");
        await StopSourceAsync(SpoolFailure.StoppedReason);
    }

    private async Task StopSourceAsync(string reason)
    {
        _watchdog.Stop();
        var source = _source!;
        await CloseSourceAsync();
        await CompleteAsync(reason, source.DurationMs);
    }

    // Closing flushes the spool file to disk, which a full disk can fail: the session ends all the same.
    private async Task CloseSourceAsync()
    {
        try
        {
            if (_source is not null)
            {
                await _source.CloseAsync();
            }
        }
        catch (IOException ex)
        {
            _spoolFailure.Report(logger, Name, ex, "its spool file could not be flushed on close");
        }
    }

    private async Task CompleteAsync(string reason, long durationMs)
    {
        var silence = await SpooledAudio.TrailingSilenceMsAsync(spool, Name, _bytes);
        var complete = _record! with
        {
            State = RecordingState.Complete, EndedAt = time.GetUtcNow(), StoppedReason = reason,
            DurationMs = durationMs, TrailingSilenceMs = silence, SourceId = null, SourceSilo = null,
        };
        try
        {
            await SaveAsync(complete);
        }
        catch (IOException ex)
        {
            // Complete all the same: nothing is appended any more and the status says so. The
            // watchdog (KeepAlive) saves the record again until the disk has room; a silo that
            // stops before that finds the last saved record (a receiving one ends as interrupted).
            _record = complete;
            _recordUnsaved = true;
            _spoolFailure.Report(logger, Name, ex,
                $"it is complete ({reason}) and its record is saved again every {_watchdog.Period.TotalSeconds} s until the disk has room");
            _watchdog.Start(this, WatchSourceAsync);
        }

        RecordingLog.Completed(logger, Name, _bytes, reason);
    }

    private async Task SaveAgainAsync()
    {
        try
        {
            await SaveAsync(_record!);
        }
        catch (IOException ex)
        {
            _spoolFailure.Report(logger, Name, ex, "its record is saved again at the next look");
        }
    }

    private async Task SaveAsync(RecordingRecord record)
    {
        await spool.SaveAsync(record);
        _record = record;
        if (_recordUnsaved)
        {
            // This save carried the record the disk had refused: nothing is left to retry.
            _recordUnsaved = false;
            _watchdog.Stop();
            RecordingLog.RecordSaved(logger, Name, record.State.ToString(), record.StoppedReason);
        }
    }

    private RecordingStatus Status() => _record is null
        ? new RecordingStatus(Name, RecordingState.Unknown, 0, 0, null, null, null, null)
        : new RecordingStatus(Name, _record.State, _bytes, _record.MaxSeconds, _record.StartedAt, _record.EndedAt,
            _record.StoppedReason, _record.StoredAs,
            _record.State == RecordingState.Receiving ? _source?.DurationMs ?? 0 : _record.DurationMs, _record.TrailingSilenceMs,
            _record.PendingStoreAs);
}
