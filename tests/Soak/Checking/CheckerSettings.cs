namespace MediaOrleans.Soak.Checking;

/// <summary>The bounds the checker judges a history by.</summary>
/// <param name="FailoverWindowSeconds">How long after a fault ends a failed play or an unanswered bus request is still excused.</param>
/// <param name="MaxRssSlopeMbPerMinute">The steepest RSS growth over the last half of a silo's samples that is not a leak.</param>
/// <param name="MaxFdSlopePerMinute">The steepest growth of open file descriptors over the last half that is not a leak.</param>
/// <param name="MinSeriesMinutes">How long a silo process must have been sampled before its growth is judged: a shorter series is mostly warm-up (a restarted process starts a new series).</param>
public sealed record CheckerSettings(
    double FailoverWindowSeconds = 3,
    double MaxRssSlopeMbPerMinute = 2,
    double MaxFdSlopePerMinute = 5,
    double MinSeriesMinutes = 10);
