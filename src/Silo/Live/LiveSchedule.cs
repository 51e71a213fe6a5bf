namespace MediaOrleans.Silo.Live;

/// <summary>
/// Where a continuous stream is at a given moment. The position is a function of wall-clock
/// time alone (frames counted from the Unix epoch, looping over the item), so every silo that
/// runs the item's stream plays the same frame at the same moment without talking to the
/// others, and a restarted silo picks up exactly where the stream is: one stream per item for
/// the whole cluster, as close as the silos' clocks agree (NTP keeps that well under a frame).
/// </summary>
public readonly record struct LiveSchedule(double FrameMilliseconds, int FrameCount)
{
    /// <summary>The number of frames due since the epoch at <paramref name="now"/>, and how far into that frame it is.</summary>
    public (long Frame, double IntoFrameMilliseconds) At(DateTimeOffset now)
    {
        var milliseconds = (double)now.ToUnixTimeMilliseconds();
        var frame = (long)Math.Floor(milliseconds / FrameMilliseconds);
        return (frame, milliseconds - (frame * FrameMilliseconds));
    }

    /// <summary>The item's frame that plays as frame number <paramref name="frame"/> of the schedule.</summary>
    public int IndexOf(long frame) => (int)(((frame % FrameCount) + FrameCount) % FrameCount);
}
