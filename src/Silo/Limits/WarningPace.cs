namespace MediaOrleans.Silo.Limits;

/// <summary>
/// Lets a warning about a flood through at most once per period: the operator learns that a cap
/// is being hit, and the flood does not become a log flood.
/// </summary>
public sealed class WarningPace(TimeSpan period, TimeProvider time)
{
    private long _next = long.MinValue;

    /// <summary>Whether to warn now; true at most once per period.</summary>
    public bool Due()
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _next);
        return now >= next && Interlocked.CompareExchange(ref _next, now + (long)(period.TotalSeconds * time.TimestampFrequency), next) == next;
    }
}
