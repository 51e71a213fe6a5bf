namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// Retries a grain call that failed because the cluster is replacing a silo: until Orleans has
/// declared a killed silo dead (about 1.5 s with the membership settings used here), calls to
/// grains that lived on it fail. Waiting a little is better for a caller than an error it must
/// retry itself (a Kazoo app gets one reply, FreeSWITCH one URL).
/// </summary>
public sealed class ClusterRetry(TimeProvider time)
{
    // Every 100 ms for up to 4 s, over twice the failover measured in tests/Integration/Cluster: a
    // short fixed wait answers soon after the dead silo is declared; the calls that fail meanwhile
    // fail fast and cost little.
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    /// <summary>Runs <paramref name="call"/>, again after a short wait while it fails for a silo going away.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsSiloGoingAway(ex) && time.GetElapsedTime(started) < Budget)
            {
                await Task.Delay(Delay, time);
            }
        }
    }

    private static bool IsSiloGoingAway(Exception ex) =>
        ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
