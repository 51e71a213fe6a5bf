using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// The SHOUT listener's connection loop. Kestrel's HTTP pipeline cannot read a libshout source
/// body (no Content-Length, no chunking: raw MP3 until close), so this handler reads request
/// heads itself and serves, on one connection, libshout's three phases: OPTIONS, the source
/// request without credentials (401), then with credentials (200, then the body).
/// </summary>
public sealed class ShoutConnectionHandler(
    IGrainFactory grains,
    PlaybackUrls urls,
    PlaybackSource playback,
    LiveStreamHub live,
    IOptions<ShoutOptions> options,
    ILogger<ShoutConnectionHandler> logger) : ConnectionHandler
{
    private const int MaxDiscardedBodyBytes = 64 * 1024;
    private readonly ShoutOptions _options = options.Value;

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        using var scope = ShoutLog.ConnectionScope(logger, connection.ConnectionId, connection.RemoteEndPoint?.ToString());
        var transport = connection.Transport;
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            while (await ReadHeadAsync(transport) is { } head
                   && await DispatchAsync(head, transport, socket))
            {
            }
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or IOException or OperationCanceledException)
        {
            // FreeSWITCH drops playback sockets abruptly on hangup; that is normal.
            ShoutLog.ClientGone(logger, ex.Message);
        }
        catch (Exception ex)
        {
            ShoutLog.Failed(logger, ex);
        }
    }

    // Only the head timeout cancels this read: a client that sends everything and closes at once
    // (ffmpeg -legacy_icecast) must still have its buffered head and body read.
    private async Task<ShoutRequestHead?> ReadHeadAsync(IDuplexPipe transport)
    {
        var limits = new ShoutParserLimits(_options.MaxHeadBytes, _options.MaxHeaderCount);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.HeadTimeoutSeconds));
        while (true)
        {
            ReadResult result;
            try
            {
                result = await transport.Input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                await RejectAsync(transport.Output, ShoutRejection.HeadTimeout);
                return null;
            }

            var buffer = result.Buffer;
            var parsed = ShoutRequestParser.Parse(buffer, limits);
            if (parsed.Status == ShoutParseStatus.Complete)
            {
                transport.Input.AdvanceTo(buffer.GetPosition(parsed.Consumed));
                return parsed.Head;
            }

            if (parsed.Status == ShoutParseStatus.Rejected)
            {
                transport.Input.AdvanceTo(buffer.End);
                await RejectAsync(transport.Output, parsed.Rejection);
                return null;
            }

            transport.Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    // Returns whether the connection stays open for another request.
    private async Task<bool> DispatchAsync(ShoutRequestHead head, IDuplexPipe transport, Socket? socket)
    {
        switch (head.Method)
        {
            case ShoutMethod.Options:
                // libshout accepts any 2xx; listing PUT in Allow makes it send PUT next.
                return await ReplyAsync(transport, head, 200, ShoutResponses.AllowHeader);
            case ShoutMethod.Source or ShoutMethod.Put:
                return await SourceAsync(head, transport);
            default:
                await PlayAsync(head, transport.Output, socket);
                return false;
        }
    }

    private async Task<bool> SourceAsync(ShoutRequestHead head, IDuplexPipe transport)
    {
        var name = RecordingMounts.NameOf(head.Path);
        if (name is null)
        {
            ShoutLog.SourceRefused(logger, head.Path, 404);
            return await ReplyAsync(transport, head, 404, keepAlive: false);
        }

        var credentials = BasicCredentials.Parse(head["Authorization"]);
        if (credentials is not { } presented)
        {
            // libshout's second phase: the same request without credentials. Never 2xx here.
            return await ReplyAsync(transport, head, 401, ShoutResponses.ChallengeHeader);
        }

        var grain = grains.GetGrain<IRecordingGrain>(name);
        var admission = await grain.BeginSourceAsync(presented.User, presented.Password);
        if (admission.Result != SourceAdmissionResult.Accepted)
        {
            var status = admission.Result == SourceAdmissionResult.Busy ? 403 : 401;
            ShoutLog.SourceRefused(logger, head.Path, status);
            return status == 401
                ? await ReplyAsync(transport, head, 401, ShoutResponses.ChallengeHeader)
                : await ReplyAsync(transport, head, 403, keepAlive: false);
        }

        // Icecast's exact reply. A PUT with Expect: 100-continue takes it as the go-ahead too.
        await transport.Output.WriteAsync(ShoutResponses.SourceAccepted.ToArray());
        ShoutLog.SourceStarted(logger, name, head.Method);
        await IngestAsync(grain, admission.Session, name, head.ContentLength, transport.Input);
        return false;
    }

    private async Task IngestAsync(IRecordingGrain grain, Guid session, string name, long? contentLength, PipeReader input)
    {
        var reason = "closed";
        var received = 0L;
        var remaining = contentLength;
        using var idle = new CancellationTokenSource();
        try
        {
            while (true)
            {
                idle.CancelAfter(TimeSpan.FromSeconds(_options.SourceIdleTimeoutSeconds));
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException)
                {
                    reason = "idle";
                    break;
                }

                var buffer = remaining is { } left ? result.Buffer.Slice(0, Math.Min(result.Buffer.Length, left)) : result.Buffer;
                var piece = buffer.Slice(0, Math.Min(buffer.Length, _options.MaxAppendBytes));
                var appended = AppendResult.Continue;
                if (!piece.IsEmpty)
                {
                    // While this append is in flight the pipe keeps filling, so pieces grow with load.
                    appended = await grain.AppendAsync(session, new RecordingChunk(piece.ToArray()));
                    received += piece.Length;
                    remaining -= piece.Length;
                }

                input.AdvanceTo(piece.End);
                if (appended != AppendResult.Continue)
                {
                    reason = appended == AppendResult.LimitReached ? "limit reached" : "session ended";
                    break;
                }

                if (remaining == 0 || (result.IsCompleted && piece.End.Equals(result.Buffer.End)))
                {
                    break;
                }
            }
        }
        finally
        {
            // Whatever ended the stream (close, reset, limit, idle), the recording keeps every byte.
            await grain.EndSourceAsync(session);
            ShoutLog.SourceEnded(logger, name, received, reason);
        }
    }

    private async Task PlayAsync(ShoutRequestHead head, PipeWriter output, Socket? socket)
    {
        var check = urls.Check(head.Path, out var target);
        if (check == PlaybackUrlStatus.Valid && target!.IsLive)
        {
            await PlayLiveAsync(head, target, output, socket);
            return;
        }

        PlaybackContent? content;
        try
        {
            content = check == PlaybackUrlStatus.Valid && target!.Extension == "mp3" ? await playback.OpenAsync(target) : null;
        }
        catch (MediaStoreUnavailableException)
        {
            ShoutLog.Playback(logger, head.Path, 503);
            await output.WriteAsync(ShoutResponses.Status(503, head.IsHttp11, keepAlive: false));
            return;
        }

        if (content is null)
        {
            var status = check is PlaybackUrlStatus.BadSignature or PlaybackUrlStatus.Expired ? 403 : 404;
            ShoutLog.Playback(logger, head.Path, status);
            await output.WriteAsync(ShoutResponses.Status(status, head.IsHttp11, keepAlive: false));
            return;
        }

        // Content still arriving goes out at once without a Content-Length (the body ends at the
        // close, which libcurl in mod_shout accepts); content held whole gets its exact length.
        IAsyncEnumerable<ReadOnlyMemory<byte>> body;
        if (content.IsWholeHere || head.Method == ShoutMethod.Head)
        {
            content = await content.WithoutId3TagsAsync();
            await output.WriteAsync(ShoutResponses.PlaybackHead(content.Length));
            body = content.ReadChunksAsync();
        }
        else
        {
            await output.WriteAsync(ShoutResponses.PlaybackHead(null));
            body = content.ReadWithoutId3TagsAsync();
        }

        if (head.Method == ShoutMethod.Head)
        {
            return;
        }

        await foreach (var chunk in body)
        {
            // Awaiting the flush is the backpressure: FreeSWITCH reads at playback speed.
            var flushed = await output.WriteAsync(chunk);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }

    // A continuous stream: no Content-Length, frames until the listener leaves or is dropped.
    private async Task PlayLiveAsync(ShoutRequestHead head, PlaybackTarget target, PipeWriter output, Socket? socket)
    {
        var joined = await live.JoinAsync(target);
        if (joined is not { } session)
        {
            await output.WriteAsync(ShoutResponses.Status(404, head.IsHttp11, keepAlive: false));
            return;
        }

        try
        {
            if (head.Method == ShoutMethod.Head)
            {
                await output.WriteAsync(ShoutResponses.LiveHead);
                return;
            }

            var completed = socket is null
                ? await SendLiveThroughPipeAsync(session.Listener, output)
                : await SendLiveToSocketAsync(session.Listener, socket);
            if (completed && session.Listener.Dropped)
            {
                ShoutLog.ListenerDropped(logger, head.Path);
            }
        }
        catch (OperationCanceledException) when (session.Listener.Dropped)
        {
            // Dropped while a send to it was stuck: the stream went on without it.
            ShoutLog.ListenerDropped(logger, head.Path);
        }
        finally
        {
            session.Mount.Leave(session.Listener);
            session.Listener.Dispose();
        }
    }

    // Everything queued since the last send goes out in one send: one system call per listener
    // and tick, straight to the socket (no pipe, no transport loop to wake). A listener dropped
    // while its send is stuck has that send cancelled, so a stalled player costs nothing.
    private static async Task<bool> SendLiveToSocketAsync(LiveListener listener, Socket socket)
    {
        await SocketSend.AllAsync(socket, ShoutResponses.LiveHead, listener.Ended);
        var frames = listener.Frames;
        var batch = new ArrayBufferWriter<byte>(4096);
        while (await frames.WaitToReadAsync())
        {
            batch.ResetWrittenCount();
            while (frames.TryRead(out var frame))
            {
                batch.Write(frame.Span);
            }

            await SocketSend.AllAsync(socket, batch.WrittenMemory, listener.Ended);
        }

        return true;
    }

    private static async Task<bool> SendLiveThroughPipeAsync(LiveListener listener, PipeWriter output)
    {
        await output.WriteAsync(ShoutResponses.LiveHead);
        var frames = listener.Frames;
        while (await frames.WaitToReadAsync())
        {
            while (frames.TryRead(out var frame))
            {
                output.Write(frame.Span);
            }

            var flushed = await output.FlushAsync();
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> ReplyAsync(IDuplexPipe transport, ShoutRequestHead head, int status, string? headers = null, bool keepAlive = true)
    {
        keepAlive = keepAlive && head.KeepAlive && await DiscardBodyAsync(head, transport.Input);
        await transport.Output.WriteAsync(ShoutResponses.Status(status, head.IsHttp11, keepAlive, headers));
        return keepAlive;
    }

    private async Task RejectAsync(PipeWriter output, ShoutRejection rejection)
    {
        var status = ShoutResponses.StatusOf(rejection);
        ShoutLog.Rejected(logger, rejection, status);
        var headers = rejection == ShoutRejection.MethodNotAllowed ? ShoutResponses.AllowHeader : null;
        await output.WriteAsync(ShoutResponses.Status(status, http11: false, keepAlive: false, headers));
    }

    // Skips a small request body so the next request can be read; a large one closes the connection instead.
    private static async Task<bool> DiscardBodyAsync(ShoutRequestHead head, PipeReader input)
    {
        var left = head.ContentLength ?? 0;
        if (left > MaxDiscardedBodyBytes)
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
}
