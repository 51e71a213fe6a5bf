namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// How long a pending store waits before its next attempt while the media store is down: the
/// first delay, then twice the last after each failure, never more than the longest, so a short
/// outage is bridged at once and a long one costs one attempt per longest delay. A store that succeeds
/// starts the schedule over. Only the delays: the grain owns the timer.
/// </summary>
internal sealed class StoreRetrySchedule(TimeSpan first, TimeSpan longest)
{
    private TimeSpan _last = TimeSpan.Zero;

    /// <summary>The schedule of <see cref="RecordingOptions.StoreRetryFirstSeconds"/> and <see cref="RecordingOptions.StoreRetryMaxSeconds"/>.</summary>
    public StoreRetrySchedule(RecordingOptions options)
        : this(TimeSpan.FromSeconds(options.StoreRetryFirstSeconds), TimeSpan.FromSeconds(options.StoreRetryMaxSeconds))
    {
    }

    /// <summary>The wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        _last = _last == TimeSpan.Zero ? first : TimeSpan.FromTicks(Math.Min(_last.Ticks * 2, longest.Ticks));
        return _last;
    }

    /// <summary>The store succeeded: the next outage starts from the first delay again.</summary>
    public void Reset() => _last = TimeSpan.Zero;
}
