using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Live;

/// <summary>Continuous shared streams (Kazoo's <c>Stream-Type: extant</c>), bound from <c>Media:Live</c>.</summary>
public sealed class LiveStreamOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Live";

    /// <summary>
    /// Audio sent at once to a listener that joins, from the most recent frames, in milliseconds
    /// (default 500: FreeSWITCH starts playing at once instead of waiting for real time).
    /// </summary>
    [Range(0, 10_000)]
    public int BurstMilliseconds { get; set; } = 500;

    /// <summary>
    /// Audio a listener may fall behind before it is dropped, in milliseconds (default 10 000).
    /// The stream never waits for a slow listener.
    /// </summary>
    [Range(100, 600_000)]
    public int QueueMilliseconds { get; set; } = 10_000;

    /// <summary>Seconds a stream keeps running with no listener before it stops (default 10).</summary>
    [Range(1, 3600)]
    public int IdleSeconds { get; set; } = 10;

    /// <summary>
    /// How often the pacing loop sends the frames that have come due, in milliseconds (default 100,
    /// the rhythm mod_shout itself sends in; each listener gets one write per tick).
    /// </summary>
    [Range(5, 1000)]
    public int TickMilliseconds { get; set; } = 100;
}
