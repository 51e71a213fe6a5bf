using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Urls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// Serves playback (<c>GET</c>/<c>HEAD</c> of <c>/m/…</c> and <c>/r/…</c>) on the HTTP port
/// ahead of Kestrel's HTTP pipeline, writing cached bodies straight to the socket in one gather
/// write. Kestrel's response path copies a body into 4 KiB blocks first; for media bodies that
/// copy dominated the cost (docs/BENCHMARKS.md). Any other request, and everything after it on
/// the connection, goes to Kestrel untouched (admin API).
/// </summary>
public sealed class PlaybackConnectionMiddleware(
    PlaybackUrls urls,
    PlaybackSource source,
    TimeProvider time,
    ILogger<PlaybackConnectionMiddleware> logger)
{
    // Heads FreeSWITCH, curl and wrk send are a few hundred bytes; larger ones go to Kestrel.
    private static readonly ShoutParserLimits Limits = new(MaxHeadBytes: 8192, MaxHeaderCount: 64);

    /// <summary>Kestrel connection middleware entry point.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        var examinedAhead = false;
        try
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync();
                var buffer = result.Buffer;
                var parsed = ShoutRequestParser.Parse(buffer, Limits);
                if (parsed.Status == ShoutParseStatus.Incomplete && !result.IsCompleted)
                {
                    transport.Input.AdvanceTo(buffer.Start, buffer.End);
                    examinedAhead = true;
                    continue;
                }

                if (parsed.Head is not { } head || !IsPlayback(head))
                {
                    if (buffer.IsEmpty && result.IsCompleted)
                    {
                        return;
                    }

                    // Not ours: Kestrel parses this request from its first byte.
                    if (examinedAhead)
                    {
                        connection.Transport = new ReplayedInput(transport.Input, transport.Output).Start(buffer);
                    }
                    else
                    {
                        transport.Input.AdvanceTo(buffer.Start);
                    }

                    await next(connection);
                    return;
                }

                transport.Input.AdvanceTo(buffer.GetPosition(parsed.Consumed));
                examinedAhead = false;
                var keepAlive = head.KeepAlive;
                var whole = await ServeAsync(head, keepAlive, socket, transport.Output);
                if (!keepAlive || !whole)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ConnectionResetException or ConnectionAbortedException)
        {
            // Players hang up mid-body all the time; that is not an error.
            HttpLog.ClientGone(logger, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One catch site: a failing grain call or a bug ends this connection, logged once.
            HttpLog.Failed(logger, ex);
        }
    }

    private static bool IsPlayback(ShoutRequestHead head) =>
        head.Method is ShoutMethod.Get or ShoutMethod.Head
        && head.ContentLength is null or 0
        && (head.Target.StartsWith("/m/", StringComparison.Ordinal) || head.Target.StartsWith("/r/", StringComparison.Ordinal));

    // Returns whether the whole answer went out; after a short body the connection must close,
    // because the client still waits for the bytes Content-Length promised.
    private async Task<bool> ServeAsync(ShoutRequestHead head, bool keepAlive, Socket? socket, PipeWriter output)
    {
        var date = HttpDate.Now(time);
        var status = urls.Check(head.Path, out var target);
        PlaybackContent? content;
        try
        {
            content = status == PlaybackUrlStatus.Valid ? await source.OpenAsync(target!) : null;
        }
        catch (MediaStoreUnavailableException)
        {
            HttpLog.PlaybackRefused(logger, head.Path, 503);
            await SendAsync(socket, output, PlaybackResponseHead.Error(503, date, head.IsHttp11, keepAlive), default);
            return true;
        }

        if (content is null)
        {
            var code = status is PlaybackUrlStatus.BadSignature or PlaybackUrlStatus.Expired ? 403 : 404;
            HttpLog.PlaybackRefused(logger, head.Path, code);
            await SendAsync(socket, output, PlaybackResponseHead.Error(code, date, head.IsHttp11, keepAlive), default);
            return true;
        }

        var responseHead = PlaybackResponseHead.Ok(target!, content, urls.MaxAgeSeconds(target!), date, head.IsHttp11, keepAlive);
        if (head.Method == ShoutMethod.Head)
        {
            await SendAsync(socket, output, responseHead, default);
            return true;
        }

        var first = true;
        var sent = 0L;
        await foreach (var chunk in content.ReadChunksAsync())
        {
            await SendAsync(socket, output, first ? responseHead : null, chunk);
            first = false;
            sent += chunk.Length;
        }

        if (first)
        {
            await SendAsync(socket, output, responseHead, default);
        }

        return sent == content.Length;
    }

    // One gather write of head and body when the socket is at hand; the transport pipe otherwise.
    private static async ValueTask SendAsync(Socket? socket, PipeWriter output, byte[]? head, ReadOnlyMemory<byte> body)
    {
        if (socket is null)
        {
            if (head is not null)
            {
                output.Write(head);
            }

            await output.WriteAsync(body);
            return;
        }

        if (head is not null && MemoryMarshal.TryGetArray(body, out var segment))
        {
            await socket.SendAsync(new List<ArraySegment<byte>> { head, segment }, SocketFlags.None);
            return;
        }

        if (head is not null)
        {
            await SocketSend.AllAsync(socket, head);
        }

        await SocketSend.AllAsync(socket, body);
    }
}
