using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Wire;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Renders a playback decision on the SHOUT port as mod_shout's libcurl reads it: MP3 frames
/// only (ID3 tags removed: every body byte goes to the decoder), an empty body for refusals, and
/// the connection closed after the answer. A reader slower than the port's playback floor is cut.
/// </summary>
public sealed class ShoutPlayback(IOptions<ShoutOptions> options, TimeProvider time, ILogger<ShoutPlayback> logger)
{
    /// <summary>Sends the answer <paramref name="decision"/> makes for <paramref name="head"/>.</summary>
    public async Task SendAsync(PlaybackDecision decision, PlaybackTally tally, RequestHead head, PipeWriter output, Socket? socket)
    {
        if (decision.Live is { } live)
        {
            using (live)
            {
                await SendLiveAsync(live, tally, head, output, socket);
            }

            return;
        }

        if (!decision.IsPlayable || decision.Content is not { } content)
        {
            tally.FirstByteSent();
            await output.WriteAsync(ShoutReplies.Status(decision.Status, head.IsHttp11, keepAlive: false));
            return;
        }

        // Content still arriving goes out at once without a Content-Length (the body ends at the
        // close, which libcurl in mod_shout accepts); content held whole gets its exact length.
        IAsyncEnumerable<ReadOnlyMemory<byte>> body;
        if (content.IsWholeHere || head.Method == RequestMethod.Head)
        {
            content = await content.WithoutId3TagsAsync();
            tally.FirstByteSent();
            await output.WriteAsync(ShoutReplies.PlaybackHead(content.Length));
            body = content.ReadChunksAsync();
        }
        else
        {
            tally.FirstByteSent();
            await output.WriteAsync(ShoutReplies.PlaybackHead(null));
            body = content.ReadWithoutId3TagsAsync();
        }

        if (head.Method == RequestMethod.Head)
        {
            return;
        }

        var floor = options.Value.PlaybackFloor(time);
        await foreach (var chunk in body)
        {
            // Awaiting the flush is the backpressure: FreeSWITCH reads at playback speed. A reader
            // slower than the floor has its write cancelled, which ends the connection.
            using var slow = new CancellationTokenSource(floor.TimeFor(chunk.Length));
            FlushResult flushed;
            tally.Sent(chunk.Length);
            try
            {
                flushed = await output.WriteAsync(chunk, slow.Token);
            }
            catch (OperationCanceledException) when (slow.IsCancellationRequested)
            {
                ShoutLog.ReaderTooSlow(logger, options.Value.MinPlaybackBytesPerSecond);
                return;
            }

            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }

    // A continuous stream: no Content-Length, frames until the listener leaves or is dropped.
    private async Task SendLiveAsync(LiveSubscription live, PlaybackTally tally, RequestHead head, PipeWriter output, Socket? socket)
    {
        try
        {
            if (head.Method == RequestMethod.Head)
            {
                tally.FirstByteSent();
                await output.WriteAsync(ShoutReplies.LiveHead);
                return;
            }

            var completed = socket is null
                ? await SendLiveThroughPipeAsync(live.Listener, tally, output)
                : await SendLiveToSocketAsync(live.Listener, tally, socket);
            if (completed && live.Listener.Dropped)
            {
                ShoutLog.ListenerDropped(logger, head.Path);
            }
        }
        catch (OperationCanceledException) when (live.Listener.Dropped)
        {
            // Dropped while a send to it was stuck: the stream went on without it.
            ShoutLog.ListenerDropped(logger, head.Path);
        }
    }

    // Everything queued since the last send goes out in one send: one system call per listener
    // and tick, straight to the socket (no pipe, no transport loop to wake). A listener dropped
    // while its send is stuck has that send cancelled, so a stalled player costs nothing.
    private static async Task<bool> SendLiveToSocketAsync(LiveListener listener, PlaybackTally tally, Socket socket)
    {
        tally.FirstByteSent();
        await SocketSend.AllAsync(socket, ShoutReplies.LiveHead, listener.Ended);
        var frames = listener.Frames;
        var batch = new ArrayBufferWriter<byte>(4096);
        while (await frames.WaitToReadAsync())
        {
            batch.ResetWrittenCount();
            while (frames.TryRead(out var frame))
            {
                batch.Write(frame.Span);
            }

            tally.Sent(batch.WrittenCount);
            await SocketSend.AllAsync(socket, batch.WrittenMemory, listener.Ended);
        }

        return true;
    }

    private static async Task<bool> SendLiveThroughPipeAsync(LiveListener listener, PlaybackTally tally, PipeWriter output)
    {
        tally.FirstByteSent();
        await output.WriteAsync(ShoutReplies.LiveHead);
        var frames = listener.Frames;
        while (await frames.WaitToReadAsync())
        {
            var sent = 0L;
            while (frames.TryRead(out var frame))
            {
                output.Write(frame.Span);
                sent += frame.Length;
            }

            tally.Sent(sent);
            var flushed = await output.FlushAsync();
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return false;
            }
        }

        return true;
    }
}
