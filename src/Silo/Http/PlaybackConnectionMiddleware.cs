using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Silo.Limits;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Wire;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// Serves playback (<c>GET</c>/<c>HEAD</c> of <c>/m/…</c> and <c>/r/…</c>) on the HTTP port ahead
/// of Kestrel's HTTP pipeline, writing cached bodies straight to the socket in one gather write.
/// Kestrel's response path copies a body into 4 KiB blocks first; for media bodies that copy
/// dominated the cost (docs/BENCHMARKS.md). The first request that is anything else (the admin
/// API, a playback request with a body) hands the connection to Kestrel with that request still
/// unread; Kestrel serves playback too (<see cref="PlaybackEndpoints"/>), so every later request
/// on the connection is still routed on its own. Heads are read within the port's limits and
/// times, whoever serves them. Every connection of the port passes here first, so here it is
/// counted against the port's connection caps, and refused (503) over them.
/// </summary>
public sealed class PlaybackConnectionMiddleware(
    PlaybackRequest playback,
    IOptions<HttpListenerOptions> options,
    TimeProvider time,
    ILogger<PlaybackConnectionMiddleware> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly KeyValuePair<string, object?> Listener = new("listener", "http");
    private readonly HttpListenerOptions _options = options.Value;
    private readonly ConnectionGate _gate = options.Value.CreateGate();
    private readonly WarningPace _capWarnings = new(TimeSpan.FromMinutes(1), time);

    /// <summary>Kestrel connection middleware entry point.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        using var lease = _gate.TryEnter(address, out var refusal);
        if (lease is null)
        {
            HttpLog.ConnectionRefused(logger, address?.ToString(), refusal);
            if (_capWarnings.Due())
            {
                HttpLog.ConnectionCapReached(logger, address?.ToString(), refusal, _gate.Open);
            }

            await TurnAway.AnswerAndCloseAsync(connection.Transport, TooManyConnections(refusal));
            return;
        }

        MediaMetrics.ListenerConnections.Add(1, Listener);
        try
        {
            await ServeConnectionAsync(connection, next);
        }
        finally
        {
            MediaMetrics.ListenerConnections.Add(-1, Listener);
        }
    }

    private async Task ServeConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        // On the HTTPS port this middleware runs after Kestrel's TLS one and sees decrypted bytes;
        // answers must then go through the encrypting transport, never straight to the socket.
        var socket = connection.Features.Get<ITlsHandshakeFeature>() is null
            ? connection.Features.Get<IConnectionSocketFeature>()?.Socket
            : null;
        var reader = new HeadReader(transport.Input, _options.Limits);
        var headTimeout = _options.HeadTimeout;
        var idleTimeout = headTimeout;
        var first = true;
        try
        {
            while (true)
            {
                // A new connection must send its head in time; between requests it may rest longer.
                var outcome = await reader.ReadAsync(idleTimeout, headTimeout, answerIdle: first);
                if (outcome == HeadReadOutcome.Closed)
                {
                    return;
                }

                if (outcome == HeadReadOutcome.Rejected)
                {
                    var status = reader.Rejection.StatusOf();
                    HttpLog.HeadRejected(logger, reader.Rejection, status);
                    await SocketSend.HeadAsync(socket, transport.Output,
                        new ResponseHead(status).Header("Date", HttpDate.Now(time)).Header("Content-Length", 0).Connection(false, true).ToBytes());
                    return;
                }

                var head = reader.Head!;
                if (!IsPlayback(head))
                {
                    // Not ours: Kestrel parses this request from its first byte.
                    connection.Transport = reader.HandOver(transport);
                    await next(connection);
                    return;
                }

                reader.Take();
                if (!await ServeAsync(head, socket, transport.Output) || !head.KeepAlive)
                {
                    return;
                }

                first = false;
                idleTimeout = TimeSpan.FromSeconds(_options.KeepAliveSeconds);
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

    // The documented JSON error body, with the time to wait before trying again.
    private byte[] TooManyConnections(ConnectionRefusal refusal)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ApiError("too_many_connections", refusal == ConnectionRefusal.AddressFull
            ? $"this address holds {_options.MaxConnectionsPerAddress} connections, the most one address may; close some or retry later"
            : $"the port holds {_options.MaxConnections} connections, the most it serves; retry later"), Json);
        var head = new ResponseHead(503).Header("Date", HttpDate.Now(time)).Header("Retry-After", _options.ConnectionRetryAfterSeconds)
            .Header("Content-Type", "application/json; charset=utf-8").Header("Content-Length", body.Length).Connection(false, true).ToBytes();
        return [.. head, .. body];
    }

    // Playback without a body; anything unusual goes to Kestrel, which serves playback as well.
    private static bool IsPlayback(RequestHead head) =>
        head.Method is RequestMethod.Get or RequestMethod.Head
        && !head.HasBody
        && (head.Target.StartsWith("/m/", StringComparison.Ordinal) || head.Target.StartsWith("/r/", StringComparison.Ordinal));

    // Returns whether the whole answer went out; after a short body the connection must close,
    // because the client still waits for the bytes Content-Length promised.
    private async Task<bool> ServeAsync(RequestHead head, Socket? socket, PipeWriter output)
    {
        var tally = PlaybackTally.Start(PlaybackListener.Http, head.Path);
        var decision = await playback.DecideAsync(head.Path, PlaybackListener.Http, PlaybackConditions.From(name => head[name]));
        tally.Decided(decision);
        var responseHead = new ResponseHead(decision.Status).Header("Date", HttpDate.Now(time));
        foreach (var (name, value) in HttpPlaybackFields.For(decision))
        {
            responseHead.Header(name, value);
        }

        var headBytes = responseHead.Connection(head.KeepAlive, head.IsHttp11).ToBytes();
        if (!decision.IsPlayable || decision.Content is not { } content || head.Method == RequestMethod.Head)
        {
            tally.FirstByteSent();
            await SocketSend.HeadAsync(socket, output, headBytes);
            return true;
        }

        var body = decision.Body;
        var first = true;
        var sent = 0L;
        var floor = _options.PlaybackFloor(time);
        await foreach (var chunk in content.ReadChunksAsync(body))
        {
            // A reader slower than the floor has its send cancelled, which ends the connection.
            using var slow = new CancellationTokenSource(floor.TimeFor(chunk.Length));
            tally.Sent(chunk.Length);
            try
            {
                await SocketSend.HeadAndBodyAsync(socket, output, first ? headBytes : null, chunk, slow.Token);
            }
            catch (OperationCanceledException) when (slow.IsCancellationRequested)
            {
                HttpLog.ReaderTooSlow(logger, _options.MinPlaybackBytesPerSecond);
                return false;
            }

            first = false;
            sent += chunk.Length;
        }

        if (first)
        {
            tally.FirstByteSent();
            await SocketSend.HeadAsync(socket, output, headBytes);
        }

        return sent == body.Length;
    }
}
