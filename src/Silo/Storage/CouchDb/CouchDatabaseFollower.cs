namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Follows one database's <c>_changes</c> feed with long polls, from a position taken before
/// anyone relied on it. After an error it waits (doubling up to the configured maximum) and asks
/// again from the last position it had, so changes made while CouchDB was away still arrive.
/// </summary>
internal sealed class CouchDatabaseFollower(
    string database,
    CouchClient couch,
    CouchDbOptions options,
    Func<string, IReadOnlyList<string>, Task> onChanged,
    ILogger logger,
    CancellationToken stopping)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private Task? _starting;
    private Task? _running;

    /// <summary>The polling loop, once started.</summary>
    public Task Running => _running ?? Task.CompletedTask;

    /// <summary>
    /// Takes the feed's current position and starts polling from it; concurrent and later calls
    /// share that start. A start that failed (CouchDB away) is tried again by the next call.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_starting is null || _starting.IsFaulted || _starting.IsCanceled)
            {
                _starting = StartPollingAsync();
            }

            return _starting.WaitAsync(cancellationToken);
        }
    }

    private async Task StartPollingAsync()
    {
        var since = await couch.GetUpdateSeqAsync(database, stopping);
        CouchDbLog.Following(logger, database, since);
        _running = Task.Run(() => FollowAsync(since), CancellationToken.None);
    }

    private async Task FollowAsync(CouchSeq since)
    {
        var backoff = FirstBackoff;
        var failing = false;
        var timeout = TimeSpan.FromSeconds(options.ChangesTimeoutSeconds);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var changes = await couch.GetChangesAsync(database, since, timeout, stopping);
                if (changes.Documents.Count > 0)
                {
                    await onChanged(database, changes.Documents);
                }

                since = changes.Last;
                if (failing)
                {
                    CouchDbLog.ChangesResumed(logger, database, since);
                    failing = false;
                    backoff = FirstBackoff;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure (store down, database missing, bad answer) is retried after the backoff.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Logged once per outage at Warning; repeats would flood the log while CouchDB is away.
                if (!failing)
                {
                    CouchDbLog.ChangesFailed(logger, database, backoff.TotalMilliseconds, since, ex.Message);
                    failing = true;
                }

                try
                {
                    await Task.Delay(backoff, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(options.ChangesMaxBackoffSeconds).Ticks));
            }
        }
    }
}
