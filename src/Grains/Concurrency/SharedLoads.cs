using System.Collections.Concurrent;

namespace MediaOrleans.Grains.Concurrency;

/// <summary>
/// One load per key at a time: callers asking for a key while its load runs share that load's
/// task instead of starting another (a media version read from its grain, a transcode, a
/// continuous stream starting). The entry leaves the table when the load ends, successful or
/// not, so a later caller finds the result where the load put it, or tries again after a failure.
/// </summary>
public sealed class SharedLoads<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<TValue>> _running = new();

    /// <summary>Loads now running.</summary>
    public int Count => _running.Count;

    /// <summary>The running load of <paramref name="key"/>, or <paramref name="load"/> started for it.</summary>
    public Task<TValue> GetOrStart(TKey key, Func<TKey, Task<TValue>> load)
    {
        if (_running.TryGetValue(key, out var running))
        {
            return running;
        }

        // The entry is in the table before the load starts, so its removal always finds it, and
        // a load that finishes at once cannot leave a finished task behind for later callers.
        var result = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        running = _running.GetOrAdd(key, result.Task);
        if (running == result.Task)
        {
            _ = RunAsync(key, load, result);
        }

        return running;
    }

    private async Task RunAsync(TKey key, Func<TKey, Task<TValue>> load, TaskCompletionSource<TValue> result)
    {
        TValue value = default!;
        Exception? failure = null;
        try
        {
            value = await load(key);
        }
#pragma warning disable CA1031 // The failure belongs to the callers sharing this load.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        // Out of the table before anyone sees the outcome.
        _running.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, result.Task));
        if (failure is OperationCanceledException cancelled)
        {
            result.SetCanceled(cancelled.CancellationToken);
        }
        else if (failure is not null)
        {
            result.SetException(failure);
        }
        else
        {
            result.SetResult(value);
        }
    }
}
