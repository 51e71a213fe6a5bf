namespace MediaOrleans.Client.Connection;

/// <summary>
/// Retries a failed first connection until a deadline, then gives up. Orleans' default filter
/// retries 5 times with growing pauses (about 22 s in all), which is far too long for a command
/// typed at a silo that is not running, and too short for a silo that is still starting.
/// </summary>
internal sealed class DeadlineRetryFilter(DateTimeOffset deadline, TimeProvider time) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var left = deadline - time.GetUtcNow();
        if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        await Task.Delay(left < Pause ? left : Pause, time, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
