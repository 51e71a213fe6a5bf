using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Owns one recording. Not reentrant: appends, state changes and store run one at a time, so
/// the spool and the saved record never disagree. Placed on the silo that allocates it: the
/// source URL names that silo, so every append from mod_shout is a local call.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class RecordingGrain(
    IRecordingSpool spool,
    IOptions<RecordingOptions> options,
    TimeProvider time,
    ILogger<RecordingGrain> logger) : Grain, IRecordingGrain
{
    private const int MaxReadBytes = 1024 * 1024;

    // Trailing silence is measured on at most this much of the end (8 min of 16 kbps call audio).
    private const int TailBytes = 1024 * 1024;
    private readonly RecordingOptions _limits = options.Value;
    private RecordingRecord? _record;
    private IRecordingSpoolWriter? _writer;
    private Guid _session;
    private long _bytes;
    private DateTimeOffset _lastHeard;
    private IGrainTimer? _sourceWatch;
    private Mp3StreamMeter _meter = new();
    private IGrainTimer? _storeRetry;
    private TimeSpan _storeRetryDelay;

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
        if (_record is { State: RecordingState.Receiving })
        {
            // The silo that was receiving stopped mid-stream: everything it spooled is kept.
            RecordingLog.Recovered(logger, Name, _bytes);
            _meter = await MeterSpoolAsync();
            await FinishAsync("interrupted");
        }

        if (_record?.PendingStoreAs is not null)
        {
            // A store accepted before this silo (or the previous activation) stopped: finish it.
            ScheduleStoreRetry();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
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

        if (request.MaxSeconds < 1 || request.MaxSeconds > _limits.MaxSeconds)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest,
                $"maxSeconds must be between 1 and {_limits.MaxSeconds}, not {request.MaxSeconds}");
        }

        var (user, password) = RecordingCredentials.Create();
        await SaveAsync(new RecordingRecord(Name, RecordingState.Allocated, user, RecordingCredentials.Hash(password),
            request.MaxSeconds, time.GetUtcNow()));
        RecordingLog.Allocated(logger, Name, request.MaxSeconds);
        return new RecordingAllocation(Name, user, password, request.MaxSeconds);
    }

    public async Task<SourceAdmission> BeginSourceAsync(string user, string password)
    {
        if (_record is null || !RecordingCredentials.Matches(_record, user, password))
        {
            return new SourceAdmission(SourceAdmissionResult.Unauthorized, Guid.Empty, 0);
        }

        if (_record.State != RecordingState.Allocated)
        {
            // One source per recording, and a finished recording is never appended to.
            return new SourceAdmission(SourceAdmissionResult.Busy, Guid.Empty, 0);
        }

        _writer = spool.OpenWriter(Name);
        _bytes = _writer.Length;
        _meter = new Mp3StreamMeter();
        _session = Guid.NewGuid();
        _lastHeard = time.GetUtcNow();
        await SaveAsync(_record with { State = RecordingState.Receiving, StartedAt = _lastHeard });
        // Keeps the grain active while receiving, and ends a recording whose source went silent
        // without closing (its connection was on a silo that died).
        var period = TimeSpan.FromSeconds(Math.Clamp(_limits.SourceLostSeconds / 5, 1, 15));
        _sourceWatch = this.RegisterGrainTimer(WatchSourceAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        return new SourceAdmission(SourceAdmissionResult.Accepted, _session, _record.MaxSeconds);
    }

    public async Task<AppendResult> AppendAsync(Guid session, RecordingChunk chunk)
    {
        if (_record is not { State: RecordingState.Receiving } record || session != _session || _writer is null)
        {
            return AppendResult.NotAdmitted;
        }

        // Wall-clock guard for sources that stall or send junk; audio time is the precise limit below.
        var elapsed = time.GetUtcNow() - record.StartedAt!.Value;
        if (elapsed.TotalSeconds > record.MaxSeconds + _limits.GraceSeconds)
        {
            await FinishAsync("max-seconds");
            return AppendResult.LimitReached;
        }

        _lastHeard = time.GetUtcNow();
        var room = _limits.MaxBytes - _bytes;
        var take = (int)Math.Min(chunk.Data.Length, room);
        await _writer.AppendAsync(chunk.Data.AsMemory(0, take));
        _meter.Append(chunk.Data.AsSpan(0, take));
        _bytes += take;
        if (take < chunk.Data.Length || _bytes >= _limits.MaxBytes)
        {
            await FinishAsync("max-bytes");
            return AppendResult.LimitReached;
        }

        if (_meter.DurationMs > record.MaxSeconds * 1000L)
        {
            await FinishAsync("max-seconds");
            return AppendResult.LimitReached;
        }

        return AppendResult.Continue;
    }

    public async Task<RecordingStatus> EndSourceAsync(Guid session)
    {
        if (_record is { State: RecordingState.Receiving } && session == _session)
        {
            await FinishAsync("closed");
        }

        return Status();
    }

    public async Task<RecordingStatus> GetStatusAsync()
    {
        // Whoever looks also ends a recording whose source is gone, between two timer ticks.
        await WatchSourceAsync(CancellationToken.None);
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
        if (!MediaName.IsValid(mediaName))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{mediaName}' is not a valid media name");
        }

        if (_record is null)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest, $"recording '{Name}' does not exist");
        }

        if (_record.State is RecordingState.Allocated or RecordingState.Receiving)
        {
            throw new MediaRejectedException(MediaRejection.Conflict,
                $"recording '{Name}' is {_record.State.ToString().ToLowerInvariant()}; store it once it is complete");
        }

        // Storing sends the whole recording in one ReplaceAsync message, which must stay below
        // Orleans' message limit: refuse clearly instead of failing inside the runtime.
        if (_bytes > MediaUpload.MaxContentBytes)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest,
                $"recording '{Name}' has {_bytes} bytes; at most {MediaUpload.MaxContentBytes} bytes can be stored as media");
        }

        if (_bytes == 0)
        {
            throw new MediaRejectedException(MediaRejection.NoData, $"recording '{Name}' received no audio");
        }

        if (_record.PendingStoreAs is { } pending && pending != mediaName)
        {
            throw new MediaRejectedException(MediaRejection.Conflict, $"recording '{Name}' is waiting to be stored as '{pending}'");
        }

        // Saved before the attempt: if the store or this silo fails now, the store is retried.
        if (_record.PendingStoreAs is null)
        {
            await SaveAsync(_record with { PendingStoreAs = mediaName });
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
        _storeRetryDelay = TimeSpan.Zero;
        RecordingLog.Stored(logger, Name, mediaName, info.Version, read);
        return info;
    }

    private async Task WatchSourceAsync(CancellationToken cancellationToken)
    {
        if (_record is { State: RecordingState.Receiving } && time.GetUtcNow() - _lastHeard > TimeSpan.FromSeconds(_limits.SourceLostSeconds))
        {
            await FinishAsync("source-lost");
        }
    }

    private static bool IsStoreOutage(Exception ex) => ex is MediaStoreUnavailableException or TimeoutException;

    // A grain timer, not a reminder: the pending store is in the spooled record, which a silo
    // start scans (SpoolRecovery), and KeepAlive holds the grain until the store succeeds.
    private void ScheduleStoreRetry()
    {
        var first = TimeSpan.FromSeconds(_limits.StoreRetryFirstSeconds);
        var most = TimeSpan.FromSeconds(_limits.StoreRetryMaxSeconds);
        _storeRetryDelay = _storeRetryDelay == TimeSpan.Zero ? first : TimeSpan.FromTicks(Math.Min(_storeRetryDelay.Ticks * 2, most.Ticks));
        _storeRetry?.Dispose();
        _storeRetry = this.RegisterGrainTimer(RetryStoreAsync,
            new GrainTimerCreationOptions(_storeRetryDelay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        RecordingLog.StoreDeferred(logger, Name, _record!.PendingStoreAs!, _storeRetryDelay.TotalSeconds);
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

    private async Task FinishAsync(string reason)
    {
        _sourceWatch?.Dispose();
        _sourceWatch = null;
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        _session = Guid.Empty;
        var silence = await TrailingSilenceAsync();
        await SaveAsync(_record! with
        {
            State = RecordingState.Complete, EndedAt = time.GetUtcNow(), StoppedReason = reason,
            DurationMs = _meter.DurationMs, TrailingSilenceMs = silence,
        });
        RecordingLog.Completed(logger, Name, _bytes, reason);
    }

    // Every frame already spooled, for a recording whose live meter was lost with its silo.
    private async Task<Mp3StreamMeter> MeterSpoolAsync()
    {
        var meter = new Mp3StreamMeter();
        var buffer = new byte[256 * 1024];
        for (long offset = 0; offset < _bytes;)
        {
            var read = await spool.ReadAsync(Name, offset, buffer);
            if (read == 0)
            {
                break;
            }

            meter.Append(buffer.AsSpan(0, read));
            offset += read;
        }

        return meter;
    }

    private async Task<long?> TrailingSilenceAsync()
    {
        var tail = new byte[(int)Math.Min(_bytes, TailBytes)];
        var read = await spool.ReadAsync(Name, _bytes - tail.Length, tail);
        return RecordingTail.TrailingSilenceMs(read == tail.Length ? tail : tail[..read]);
    }

    private async Task SaveAsync(RecordingRecord record)
    {
        await spool.SaveAsync(record);
        _record = record;
    }

    private RecordingStatus Status() => _record is null
        ? new RecordingStatus(Name, RecordingState.Unknown, 0, 0, null, null, null, null)
        : new RecordingStatus(Name, _record.State, _bytes, _record.MaxSeconds, _record.StartedAt, _record.EndedAt,
            _record.StoppedReason, _record.StoredAs,
            _record.State == RecordingState.Receiving ? _meter.DurationMs : _record.DurationMs, _record.TrailingSilenceMs,
            _record.PendingStoreAs);
}
