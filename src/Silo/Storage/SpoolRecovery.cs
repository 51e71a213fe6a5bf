using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Once the silo has started, wakes every recording the spool says was still receiving, so a
/// recording cut off by a crash is finished (kept up to its last received byte) without waiting
/// for somebody to ask for it. With a spool shared by several silos each of them does this;
/// the grain is one per cluster, so the recording is finished once.
/// </summary>
public sealed partial class SpoolRecovery(IRecordingSpool spool, IGrainFactory grains, IHostApplicationLifetime lifetime,
    ILogger<SpoolRecovery> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        await foreach (var record in spool.ListAsync(stoppingToken))
        {
            if (record.State != RecordingState.Receiving)
            {
                continue;
            }

            try
            {
                var status = await grains.GetGrain<IRecordingGrain>(record.Name).GetStatusAsync();
                Recovered(logger, record.Name, status.State, status.Bytes);
            }
#pragma warning disable CA1031 // One recording that cannot be woken now is woken by its next caller.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                RecoveryFailed(logger, ex, record.Name);
            }
        }
    }

    [LoggerMessage(3100, LogLevel.Information, "Spooled recording {Recording} found receiving at start: now {State} with {Bytes} bytes")]
    private static partial void Recovered(ILogger logger, string recording, RecordingState state, long bytes);

    [LoggerMessage(3101, LogLevel.Warning, "Spooled recording {Recording} could not be recovered at start")]
    private static partial void RecoveryFailed(ILogger logger, Exception exception, string recording);
}
