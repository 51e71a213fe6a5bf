using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Live;

/// <summary>
/// One media item played in a loop at real time for any number of listeners, like an Icecast
/// mount: a listener joins at the current frame after a short burst of recent frames (always
/// starting on a frame boundary), and one that cannot keep up is dropped from its bounded queue
/// without ever delaying the others. The loop follows the item's <see cref="LiveSchedule"/>, so
/// mounts of the same item on different silos are in step.
/// </summary>
public sealed class LiveMount
{
    private readonly ReadOnlyMemory<byte>[] _frames;
    private readonly LiveSchedule _schedule;
    private readonly int _burstFrames;
    private readonly int _queueFrames;
    private readonly List<LiveListener> _listeners = [];
    private readonly Queue<ReadOnlyMemory<byte>> _recent = new();
    private readonly Lock _gate = new();
    private int _next;
    // Schedule frame number one past the last frame published, and (once running) the frame
    // number due now: together they say how late the pacing loop is when a listener joins.
    private long _sent;
    private Func<long>? _dueNow;
    private bool _stopped;

    private LiveMount(ReadOnlyMemory<byte>[] frames, double frameMilliseconds, LiveStreamOptions options)
    {
        _frames = frames;
        _schedule = new LiveSchedule(frameMilliseconds, frames.Length);
        _burstFrames = (int)Math.Ceiling(options.BurstMilliseconds / frameMilliseconds);
        _queueFrames = Math.Max(_burstFrames + 1, (int)Math.Ceiling(options.QueueMilliseconds / frameMilliseconds));
    }

    /// <summary>Listeners connected now.</summary>
    public int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>Splits <paramref name="mp3"/> into its audio frames; null if it has none.</summary>
    public static LiveMount? Create(byte[] mp3, LiveStreamOptions options)
    {
        List<(int Offset, Mp3FrameHeader Header)> frames;
        try
        {
            frames = Mp3Inspector.AudioFrames(mp3);
        }
        catch (MediaRejectedException)
        {
            return null;
        }

        var stream = frames[0].Header;
        return new LiveMount([.. frames.Select(f => (ReadOnlyMemory<byte>)mp3.AsMemory(f.Offset, f.Header.FrameLength))],
            stream.SamplesPerFrame * 1000.0 / stream.SampleRate, options);
    }

    /// <summary>Adds a listener, primed with the burst of recent frames; null once the mount has stopped.</summary>
    public LiveListener? Join()
    {
        var listener = new LiveListener(_queueFrames);
        lock (_gate)
        {
            if (_stopped)
            {
                return null;
            }

            // When the pacing loop is late (a stall of the silo), the frames it owes arrive with
            // its next tick; the burst gives up as many of its oldest frames, so a listener that
            // joins during a stall starts with the configured burst and is never ahead of time.
            var late = _dueNow is { } dueNow ? dueNow() - _sent : 0;
            foreach (var frame in _recent.Skip((int)Math.Clamp(late, 0, _recent.Count)))
            {
                listener.Offer(frame);
            }

            _listeners.Add(listener);
        }

        return listener;
    }

    /// <summary>Removes a listener that went away.</summary>
    public void Leave(LiveListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }

        listener.End();
    }

    /// <summary>
    /// Sends frames as they come due until <paramref name="stopping"/> fires or nobody has listened
    /// for <paramref name="idle"/>. The start is placed on the wall-clock schedule; after that one
    /// monotonic clock paces the frames, so pacing never drifts or jumps with clock adjustments.
    /// </summary>
    public async Task RunAsync(TimeSpan tick, TimeSpan idle, TimeProvider time, CancellationToken stopping)
    {
        var (sent, intoFrame) = _schedule.At(time.GetUtcNow());
        var anchor = sent;
        // Fill the burst window with the frames just before the current one, so the very first
        // listener starts at once and at the same place as listeners on other silos.
        _next = _schedule.IndexOf(sent - _burstFrames);
        _sent = sent - _burstFrames;
        while (_sent < sent)
        {
            Publish();
        }

        var started = time.GetTimestamp();
        long Due() => anchor + (long)((time.GetElapsedTime(started).TotalMilliseconds + intoFrame) / _schedule.FrameMilliseconds);
        lock (_gate)
        {
            _dueNow = Due;
        }

        var lastHeard = TimeSpan.Zero;
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var elapsed = time.GetElapsedTime(started);
                var due = Due();
                // After a stall of the silo itself (GC, CPU starvation) skip ahead rather than
                // flooding every listener's queue and dropping them all for the silo's own delay.
                if (due - _sent > _queueFrames / 2)
                {
                    lock (_gate)
                    {
                        _sent = due - (_queueFrames / 2);
                        _next = _schedule.IndexOf(_sent);
                    }
                }

                while (_sent < due)
                {
                    Publish();
                }

                if (ListenerCount > 0)
                {
                    lastHeard = elapsed;
                }
                else if (elapsed - lastHeard > idle)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _stopped = true;
                foreach (var listener in _listeners)
                {
                    listener.End();
                }

                _listeners.Clear();
            }
        }
    }

    private void Publish()
    {
        lock (_gate)
        {
            var frame = _frames[_next];
            _next = (_next + 1) % _frames.Length;
            _sent++;
            _recent.Enqueue(frame);
            if (_recent.Count > _burstFrames)
            {
                _recent.Dequeue();
            }

            // A full queue means the listener is too slow: it is dropped, nobody waits for it.
            _listeners.RemoveAll(listener => !listener.Offer(frame));
        }
    }
}
