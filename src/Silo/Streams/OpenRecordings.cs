using MediaOrleans.Grains.Recordings;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Streams;

/// <summary>
/// The recordings this silo allocated that may still be open (allocated or receiving), by caller,
/// held against <c>Media:Recordings:MaxOpen</c> and <c>MaxOpenPerCaller</c>. Each open recording
/// holds a spool file and a grain, so an unlimited caller could fill the disk with allocations.
/// A slot is reserved before the grain is asked and given back when the allocation fails; closed
/// recordings are found by asking their grains, at most once per sweep interval, only when a cap
/// is reached. Counts are this process's: a restarted silo starts from none.
/// </summary>
public sealed class OpenRecordings(IGrainFactory grains, IOptions<RecordingOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Seconds a refused caller is told to wait (<c>Retry-After</c>): about one sweep plus a recording's start.</summary>
    public const int RetryAfterSeconds = 5;

    // Asking every open recording's grain costs a call each; a refused caller retrying in a loop
    // must not turn every refusal into a thousand calls.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, string> _open = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// Reserves a slot for recording <paramref name="name"/> by <paramref name="caller"/>; false when
    /// the name is already held (the grain refuses it). Throws <see cref="MediaRejectedException"/>
    /// (<see cref="MediaRejection.TooMany"/>) when a cap is reached.
    /// </summary>
    public async Task<bool> ReserveAsync(string name, string caller)
    {
        await _gate.WaitAsync();
        try
        {
            if (_open.ContainsKey(name))
            {
                return false;
            }

            if (Refusal(caller) is not null && time.GetUtcNow() - _lastSweep >= SweepInterval)
            {
                await SweepAsync();
            }

            if (Refusal(caller) is { } refusal)
            {
                throw new MediaRejectedException(MediaRejection.TooMany, refusal);
            }

            _open[name] = caller;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives back the slot of an allocation that did not happen.</summary>
    public async Task ReleaseAsync(string name)
    {
        await _gate.WaitAsync();
        try
        {
            _open.Remove(name);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string? Refusal(string caller)
    {
        var limits = options.Value;
        if (_open.Count >= limits.MaxOpen)
        {
            return $"this silo has {limits.MaxOpen} open recordings (Media:Recordings:MaxOpen); try again once some have ended";
        }

        return _open.Values.Count(owner => owner == caller) >= limits.MaxOpenPerCaller
            ? $"this caller has {limits.MaxOpenPerCaller} open recordings on this silo (Media:Recordings:MaxOpenPerCaller); try again once some have ended"
            : null;
    }

    // Keeps only the recordings whose grains say they are still allocated or receiving (the
    // grain ends an allocation nobody recorded to when it is asked, after AllocationTtlSeconds).
    private async Task SweepAsync()
    {
        _lastSweep = time.GetUtcNow();
        var states = await Task.WhenAll(_open.Keys.Select(async name =>
            (Name: name, (await grains.GetGrain<IRecordingGrain>(name).GetStatusAsync()).State)));
        foreach (var (name, state) in states)
        {
            if (state is not (RecordingState.Allocated or RecordingState.Receiving))
            {
                _open.Remove(name);
            }
        }
    }
}
