using System.Buffers;
using System.IO.Pipelines;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// Reads request heads off one connection, one at a time and each within its time, for both
/// listeners. A head read is left in the input until the listener either takes it (and serves
/// the request itself) or hands the connection over with the head still unread (the HTTP port
/// hands what it does not serve to Kestrel).
/// </summary>
public sealed class HeadReader(PipeReader input, HeadLimits limits)
{
    private ReadOnlySequence<byte> _buffer;
    private long _consumed;
    private bool _examinedAhead;

    /// <summary>The head of the last <see cref="HeadReadOutcome.Head"/> outcome.</summary>
    public RequestHead? Head { get; private set; }

    /// <summary>The reason of the last <see cref="HeadReadOutcome.Rejected"/> outcome.</summary>
    public HeadRejection Rejection { get; private set; }

    /// <summary>
    /// Reads the next head. The first byte must come within <paramref name="idleTimeout"/>, the
    /// whole head within <paramref name="headTimeout"/> of its first byte. A client idle past its
    /// time gets 408 when <paramref name="answerIdle"/> (a new connection must speak), otherwise the
    /// connection just closes (a keep-alive connection between requests, as Kestrel does). Only
    /// the deadline cancels the read: a client that sends everything and closes at once (ffmpeg
    /// <c>-legacy_icecast</c>) still has its buffered head read.
    /// </summary>
    public async Task<HeadReadOutcome> ReadAsync(TimeSpan idleTimeout, TimeSpan headTimeout, bool answerIdle)
    {
        Head = null;
        Rejection = HeadRejection.None;
        using var deadline = new CancellationTokenSource(idleTimeout);
        var started = false;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return started || answerIdle ? Reject(HeadRejection.HeadTimeout) : HeadReadOutcome.Closed;
            }

            var buffer = result.Buffer;
            if (!started && !buffer.IsEmpty)
            {
                started = true;
                deadline.CancelAfter(headTimeout);
            }

            var parsed = RequestHeadParser.Parse(buffer, limits);
            if (parsed.Status == HeadParseStatus.Complete)
            {
                // Left unread until the listener takes it or hands the connection over.
                _buffer = buffer;
                _consumed = parsed.Consumed;
                Head = parsed.Head;
                return HeadReadOutcome.Head;
            }

            if (parsed.Status == HeadParseStatus.Rejected)
            {
                input.AdvanceTo(buffer.End);
                return Reject(parsed.Rejection);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            _examinedAhead = true;
            if (result.IsCompleted)
            {
                return HeadReadOutcome.Closed;
            }
        }
    }

    /// <summary>Consumes the head just read: the listener serves this request itself.</summary>
    public void Take()
    {
        input.AdvanceTo(_buffer.GetPosition(_consumed));
        _examinedAhead = false;
    }

    /// <summary>
    /// The connection with the head just read still unread, for another handler to read from its
    /// first byte. Bytes already examined cannot be read again from the same pipe without new
    /// data arriving, so a head that came in pieces is replayed through a fresh pipe.
    /// </summary>
    public IDuplexPipe HandOver(IDuplexPipe transport)
    {
        if (_examinedAhead)
        {
            return new ReplayedInput(input, transport.Output).Start(_buffer);
        }

        input.AdvanceTo(_buffer.Start);
        return transport;
    }

    /// <summary>
    /// After <see cref="Take"/>, skips the request's body so the next request can be read, when it
    /// has a length of at most <paramref name="maxBytes"/>. False when the connection cannot be
    /// reused: a larger or chunked body, or the client closed before sending it all.
    /// </summary>
    public async Task<bool> SkipBodyAsync(long maxBytes)
    {
        var left = Head?.ContentLength ?? 0;
        if (Head is { HasTransferEncoding: true } || left > maxBytes)
        {
            return false;
        }

        while (left > 0)
        {
            var result = await input.ReadAsync();
            var take = Math.Min(left, result.Buffer.Length);
            input.AdvanceTo(result.Buffer.GetPosition(take));
            left -= take;
            if (left > 0 && result.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }

    private HeadReadOutcome Reject(HeadRejection rejection)
    {
        Rejection = rejection;
        return HeadReadOutcome.Rejected;
    }
}
