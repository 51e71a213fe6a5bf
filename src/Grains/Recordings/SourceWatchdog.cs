namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Ends a recording whose source went silent without closing: its connection was on a silo that
/// died, and the listener that timed sources out went with it, so the grain keeps its own watch.
/// The timer also keeps the grain active while it receives. It looks five times within
/// <see cref="RecordingOptions.SourceLostSeconds"/>, never more often than once a second nor less
/// often than every 15 s.
/// </summary>
internal sealed class SourceWatchdog(int sourceLostSeconds)
{
    private IGrainTimer? _timer;

    /// <summary>Time between two looks.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(Math.Clamp(sourceLostSeconds / 5, 1, 15));

    /// <summary>Whether a source last heard at <paramref name="lastHeard"/> is lost at <paramref name="now"/>.</summary>
    public bool IsLost(DateTimeOffset lastHeard, DateTimeOffset now) => now - lastHeard > TimeSpan.FromSeconds(sourceLostSeconds);

    /// <summary>Runs <paramref name="look"/> on <paramref name="grain"/> every <see cref="Period"/> until stopped.</summary>
    public void Start(IGrainBase grain, Func<CancellationToken, Task> look)
    {
        Stop();
        _timer = grain.RegisterGrainTimer(look, new GrainTimerCreationOptions(Period, Period) { KeepAlive = true });
    }

    /// <summary>Stops looking (the source ended), letting the grain go idle.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
