using System.Threading.Channels;
using MediaOrleans.Grains.Telemetry;

namespace MediaOrleans.Silo.Live;

/// <summary>One listener's bounded queue of MP3 frames; the stream drops the listener when it is full.</summary>
public sealed class LiveListener(int capacityFrames) : IDisposable
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(capacityFrames) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Frames to send, in order; completes when the listener is dropped or the stream stops.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Frames => _frames.Reader;

    private readonly CancellationTokenSource _ended = new();

    /// <summary>Whether the stream dropped this listener for falling behind.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Cancelled once no more frames will come (dropped, left, or the stream stopped).</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Queues a frame; false (and the listener is dropped) when its queue is full.</summary>
    internal bool Offer(ReadOnlyMemory<byte> frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        Dropped = true;
        MediaMetrics.LiveListenersDropped.Add(1);
        _frames.Writer.TryComplete();
        _ended.Cancel();
        return false;
    }

    /// <summary>Ends the listener's frames.</summary>
    internal void End()
    {
        _frames.Writer.TryComplete();
        _ended.Cancel();
    }

    /// <inheritdoc />
    public void Dispose() => _ended.Dispose();
}
