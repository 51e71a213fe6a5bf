using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// At silo start, wakes every recording whose store was accepted but not completed (the media
/// store was down when the silo stopped): its grain retries the store until the store takes it.
/// </summary>
public sealed class PendingStoreRecovery(
    IRecordingSpool spool,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<PendingStoreRecovery> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grains can be called once every hosted service, Orleans' silo included, has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        await foreach (var record in spool.ListAsync(stoppingToken))
        {
            if (record.PendingStoreAs is null)
            {
                continue;
            }

            StorageLog.ResumingStore(logger, record.Name, record.PendingStoreAs);
            try
            {
                // Activation schedules the store's retry.
                await grains.GetGrain<IRecordingGrain>(record.Name).GetStatusAsync();
            }
#pragma warning disable CA1031 // One recording that cannot be woken now is woken by its next use; the others go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                StorageLog.ResumeFailed(logger, record.Name, ex.Message);
            }
        }
    }
}
