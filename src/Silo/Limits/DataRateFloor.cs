namespace MediaOrleans.Silo.Limits;

/// <summary>
/// The least data rate a stream must keep, judged over windows at least <c>grace</c> long: a
/// stream that starts slowly, or pauses within a window, is fine as long as each window averages
/// at least <c>minBytesPerSecond</c>. 0 turns the floor off. Not thread-safe: one per stream.
/// </summary>
public sealed class DataRateFloor(long minBytesPerSecond, TimeSpan grace, TimeProvider time)
{
    private long _windowStart = time.GetTimestamp();
    private long _bytes;

    /// <summary>Whether the floor is on.</summary>
    public bool IsOn => minBytesPerSecond > 0;

    /// <summary>Counts <paramref name="bytes"/> just moved; false when the window that ends now fell below the floor.</summary>
    public bool Moved(long bytes)
    {
        if (!IsOn)
        {
            return true;
        }

        _bytes += bytes;
        var elapsed = time.GetElapsedTime(_windowStart);
        if (elapsed < grace)
        {
            return true;
        }

        var kept = _bytes >= minBytesPerSecond * elapsed.TotalSeconds;
        _windowStart = time.GetTimestamp();
        _bytes = 0;
        return kept;
    }

    /// <summary>
    /// How long sending <paramref name="bytes"/> at once may take at the floor's rate, the grace
    /// included; <see cref="Timeout.InfiniteTimeSpan"/> when the floor is off.
    /// </summary>
    public TimeSpan TimeFor(long bytes) =>
        IsOn ? grace + TimeSpan.FromSeconds((double)bytes / minBytesPerSecond) : Timeout.InfiniteTimeSpan;
}
