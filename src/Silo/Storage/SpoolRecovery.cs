using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Once the silo has started, wakes every recording the spool says is unfinished: one still
/// receiving when its silo stopped (activation finishes it, kept up to its last received byte)
/// and one whose store the media store could not take (activation retries it until it can).
/// Nobody has to ask for them first. With a spool shared by several silos each of them does
/// this; the grain is one per cluster, so each recording is finished once.
/// </summary>
public sealed class SpoolRecovery(IRecordingSpool spool, IGrainFactory grains, IHostApplicationLifetime lifetime,
    ILogger<SpoolRecovery> logger) : BackgroundService
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
            if (record.State != RecordingState.Receiving && record.PendingStoreAs is null)
            {
                continue;
            }

            try
            {
                var status = await grains.GetGrain<IRecordingGrain>(record.Name).GetStatusAsync();
                StorageLog.Resumed(logger, record.Name, record.State, record.PendingStoreAs, status.State, status.Bytes);
            }
#pragma warning disable CA1031 // One recording that cannot be woken now is woken by its next use; the others go on.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                StorageLog.ResumeFailed(logger, record.Name, ex.Message);
            }
        }
    }
}
