namespace MediaOrleans.Grains.Media;

/// <summary>
/// Content of a known length that fills from the front while readers already use what has
/// arrived: the first bytes of an item can be played while the rest is still coming from the
/// store. One writer appends; any number of readers on any thread wait for a prefix. The buffer
/// is allocated once at its final size, so the content is held exactly once.
/// </summary>
public sealed class ArrivingBytes
{
    private readonly byte[] _buffer;
    private readonly Lock _gate = new();
    private long _arrived;
    private Exception? _failure;
    private TaskCompletionSource _progress = NewSignal();

    /// <summary>Empty content that will receive <paramref name="length"/> bytes.</summary>
    public ArrivingBytes(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Array.MaxLength);
        // Every byte is written before it is read, so zeroing a large buffer first would only delay the first read.
        _buffer = GC.AllocateUninitializedArray<byte>((int)length);
    }

    private ArrivingBytes(byte[] complete)
    {
        _buffer = complete;
        _arrived = complete.Length;
    }

    /// <summary>Content that is already all there (an upload, a cached item).</summary>
    public static ArrivingBytes Complete(byte[] content) => new(content);

    /// <summary>Final length in bytes.</summary>
    public long Length => _buffer.Length;

    /// <summary>Bytes arrived so far, from the start.</summary>
    public long Arrived => Interlocked.Read(ref _arrived);

    /// <summary>Whether every byte has arrived.</summary>
    public bool IsComplete => Arrived == _buffer.Length;

    /// <summary>Whether the load stopped before the end; what arrived stays readable.</summary>
    public bool HasFailed
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>The part still to fill; only the single writer uses it, then calls <see cref="Advance"/>.</summary>
    public Memory<byte> Unfilled => _buffer.AsMemory((int)Arrived);

    /// <summary>The whole content once <see cref="IsComplete"/>.</summary>
    public byte[] Content => IsComplete ? _buffer : throw new InvalidOperationException("the content is still arriving");

    /// <summary>Marks <paramref name="count"/> more bytes of <see cref="Unfilled"/> as arrived and wakes readers.</summary>
    public void Advance(int count)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _arrived);
            Interlocked.Exchange(ref _arrived, _arrived + count);
            woken = _progress;
            _progress = NewSignal();
        }

        woken.TrySetResult();
    }

    /// <summary>Copies <paramref name="data"/> in after what has arrived.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(Unfilled.Span);
        Advance(data.Length);
    }

    /// <summary>Ends the load early; readers waiting past what arrived are told so.</summary>
    public void Fail(Exception failure)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _failure ??= failure;
            woken = _progress;
        }

        woken.TrySetResult();
    }

    /// <summary>
    /// Waits until the first <paramref name="end"/> bytes (at most <see cref="Length"/>) have
    /// arrived. Returns <c>false</c> if the load failed before they did.
    /// </summary>
    public async ValueTask<bool> WaitForAsync(long end, CancellationToken cancellationToken = default)
    {
        end = Math.Min(end, _buffer.Length);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_arrived >= end)
                {
                    return true;
                }

                if (_failure is not null)
                {
                    return false;
                }

                signal = _progress.Task;
            }

            await signal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Arrived bytes from <paramref name="offset"/>, at most <paramref name="count"/>.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, long count)
    {
        var arrived = Arrived;
        var start = (int)Math.Clamp(offset, 0, arrived);
        return _buffer.AsMemory(start, (int)Math.Clamp(count, 0, arrived - start));
    }

    // Readers resume on their own schedulers, never inline on the writer's thread.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
