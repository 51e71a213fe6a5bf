using MediaOrleans.Grains.Storage;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Stores a complete recording as a media item, and keeps at it while the media store is down.
/// The request is saved in the record (<see cref="RecordingRecord.PendingStoreAs"/>) before the
/// first attempt, so a store that fails, or whose silo stops, is retried on the
/// <see cref="StoreRetrySchedule"/>, by a new activation too; a store the media item refuses is
/// dropped and the recording kept. The recording's bytes no longer change once it is complete,
/// so the count given with the request is the one every retry stores.
/// </summary>
internal sealed class PendingStore(
    IGrainFactory grains,
    IRecordingSpool spool,
    RecordKeeper records,
    StoreRetrySchedule retries,
    SpoolFailure spoolFailure,
    ILogger logger)
{
    private IGrainTimer? _retry;
    private long _bytes;

    /// <summary>
    /// Stores recording <paramref name="name"/>'s <paramref name="bytes"/> as <paramref name="mediaName"/>;
    /// throws <see cref="MediaStoreUnavailableException"/> when it is retried later.
    /// </summary>
    public async Task<MediaInfo> StoreAsync(IGrainBase grain, string name, long bytes, string mediaName)
    {
        var record = records.Current;
        StoreRequestRules.Check(name, record, bytes, mediaName);
        _bytes = bytes;

        // Saved before the attempt: if the store or this silo fails now, the store is retried.
        if (record.PendingStoreAs is null)
        {
            try
            {
                await records.SaveAsync(record with { PendingStoreAs = mediaName });
            }
            catch (IOException ex)
            {
                spoolFailure.Report(logger, name, ex, $"storing it as '{mediaName}' is refused");
                throw new MediaStoreUnavailableException(
                    $"recording '{name}' cannot be stored now: the recording spool cannot be written; try again shortly");
            }
        }

        try
        {
            return await CompleteAsync(name);
        }
        catch (Exception ex) when (IsStoreOutage(ex))
        {
            ScheduleRetry(grain, name);
            throw new MediaStoreUnavailableException(
                $"the media store is unavailable; recording '{name}' stays spooled and is stored as '{mediaName}' when it is back");
        }
        catch (MediaRejectedException)
        {
            await records.SaveAsync(records.Current! with { PendingStoreAs = null });
            throw;
        }
    }

    /// <summary>
    /// Finishes a store accepted before this activation (or its silo) stopped, if the record holds
    /// one: recording <paramref name="name"/> has <paramref name="bytes"/> spooled.
    /// </summary>
    public void ResumeIfPending(IGrainBase grain, string name, long bytes)
    {
        if (records.Current?.PendingStoreAs is not null)
        {
            _bytes = bytes;
            ScheduleRetry(grain, name);
        }
    }

    // The media grain's store writes nothing when the item already has these bytes, so a store
    // repeated after a lost answer or a restart never stores twice.
    private async Task<MediaInfo> CompleteAsync(string name)
    {
        var record = records.Current!;
        var mediaName = record.PendingStoreAs!;
        var content = new byte[_bytes];
        var read = await spool.ReadAsync(name, 0, content);
        var info = await grains.GetGrain<IMediaFileGrain>(mediaName)
            .ReplaceAsync(new MediaUpload("audio/mpeg", content[..read]));
        await records.SaveAsync(record with { State = RecordingState.Stored, StoredAs = mediaName, PendingStoreAs = null });
        EndRetries();
        RecordingLog.Stored(logger, name, mediaName, info.Version, read);
        return info;
    }

    // An IOException is a full (or failing) disk under the media store or the spool: it passes, like an outage.
    private static bool IsStoreOutage(Exception ex) => ex is MediaStoreUnavailableException or TimeoutException or IOException;

    // A grain timer, not a reminder: the pending store is in the spooled record, which a silo
    // start scans (SpoolRecovery), and KeepAlive holds the grain until the store succeeds.
    private void ScheduleRetry(IGrainBase grain, string name)
    {
        var delay = retries.Next();
        if (_retry is null)
        {
            MediaMetrics.RecordingStoresPending.Add(1);
        }

        _retry?.Dispose();
        _retry = grain.RegisterGrainTimer(_ => RetryAsync(grain, name),
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        RecordingLog.StoreDeferred(logger, name, records.Current!.PendingStoreAs!, delay.TotalSeconds);
    }

    private async Task RetryAsync(IGrainBase grain, string name)
    {
        if (records.Current?.PendingStoreAs is not { } mediaName)
        {
            return;
        }

        try
        {
            await CompleteAsync(name);
        }
        catch (Exception ex) when (IsStoreOutage(ex))
        {
            ScheduleRetry(grain, name);
        }
        catch (MediaRejectedException rejected)
        {
            // The bytes can never become that media item; keep the recording, drop the request.
            RecordingLog.StoreRefused(logger, name, mediaName, rejected.Message);
            await records.SaveAsync(records.Current! with { PendingStoreAs = null });
            EndRetries();
        }
    }

    // No store is pending any more: the timer goes, and the recording leaves the pending gauge.
    private void EndRetries()
    {
        if (_retry is not null)
        {
            MediaMetrics.RecordingStoresPending.Add(-1);
            _retry.Dispose();
            _retry = null;
        }

        retries.Reset();
    }
}
