using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Silo.Limits;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;
using MediaOrleans.Silo.Wire;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// The SHOUT listener's connection loop: reads each request head and routes it. Kestrel's HTTP
/// pipeline cannot read a libshout source body (no Content-Length, no chunking: raw MP3 until
/// close), so heads are read here, and libshout's three phases are served on one connection:
/// OPTIONS, the source request without credentials (401), then with credentials (200, then the
/// body, taken in by <see cref="ShoutSourceIngest"/>). GET and HEAD are playback
/// (<see cref="ShoutPlayback"/>). Connections are counted against the port's caps (503 over
/// them), an address that keeps presenting wrong source credentials is cooled (429), and a
/// connection that opens with a TLS ClientHello is served over TLS (<see cref="ShoutTls"/>).
/// </summary>
public sealed class ShoutConnectionHandler(
    PlaybackRequest playback,
    ShoutPlayback player,
    ShoutSourceIngest ingest,
    ShoutTls tls,
    ShoutTlsSteering steering,
    IOptions<ShoutOptions> options,
    TimeProvider time,
    ILogger<ShoutConnectionHandler> logger) : ConnectionHandler
{
    private const int MaxDiscardedBodyBytes = 64 * 1024;
    private static readonly KeyValuePair<string, object?> Listener = new("listener", "shout");
    private readonly ShoutOptions _options = options.Value;
    private readonly ConnectionGate _gate = options.Value.CreateGate();
    private readonly WarningPace _capWarnings = new(TimeSpan.FromMinutes(1), time);
    private readonly AddressCooling _cooling = new(options.Value.SourceAuthMaxFailures,
        TimeSpan.FromSeconds(options.Value.SourceAuthWindowSeconds), TimeSpan.FromSeconds(options.Value.SourceAuthCoolingSeconds), time);

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        using var scope = ShoutLog.ConnectionScope(logger, connection.ConnectionId, connection.RemoteEndPoint?.ToString());
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        using var lease = _gate.TryEnter(address, out var refusal);
        if (lease is null)
        {
            ShoutLog.ConnectionRefused(logger, refusal);
            if (_capWarnings.Due())
            {
                ShoutLog.ConnectionCapReached(logger, address?.ToString(), refusal, _gate.Open);
            }

            await TurnAway.AnswerAndCloseAsync(connection.Transport, ShoutReplies.Status(503, http11: false, keepAlive: false,
                RetryAfter(_options.ConnectionRetryAfterSeconds)));
            return;
        }

        MediaMetrics.ListenerConnections.Add(1, Listener);
        try
        {
            await ServeAsync(connection, address);
        }
        finally
        {
            MediaMetrics.ListenerConnections.Add(-1, Listener);
        }
    }

    private async Task ServeAsync(ConnectionContext connection, IPAddress? address)
    {
        var headTimeout = _options.HeadTimeout;
        try
        {
            await using var opened = await tls.OpenAsync(connection);
            if (opened.IsIdle)
            {
                await RejectAsync(connection.Transport.Output, HeadRejection.HeadTimeout);
                return;
            }

            if (opened.Pipe is not { } transport)
            {
                return;
            }

            var reader = new HeadReader(transport.Input, _options.Limits);
            var headsRead = 0;
            try
            {
                while (await reader.ReadAsync(headTimeout, headTimeout, answerIdle: true) is var outcome && outcome != HeadReadOutcome.Closed)
                {
                    headsRead += outcome == HeadReadOutcome.Head ? 1 : 0;
                    var rejection = outcome == HeadReadOutcome.Rejected ? reader.Rejection : ShoutRequestRules.Refusal(reader.Head!);
                    if (rejection != HeadRejection.None)
                    {
                        await RejectAsync(transport.Output, rejection);
                        return;
                    }

                    if (!opened.IsEncrypted && !await SteerAsync(reader, transport, connection))
                    {
                        return;
                    }

                    reader.Take();
                    if (!await DispatchAsync(reader, transport, connection, opened, address))
                    {
                        return;
                    }
                }
            }
            finally
            {
                if (opened.IsEncrypted)
                {
                    NoteTlsOutcome(connection, headsRead > 0);
                }
            }
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or IOException or SocketException
                                       or OperationCanceledException)
        {
            // FreeSWITCH drops playback sockets abruptly on hangup; that is normal. Continuous
            // streams send straight to the socket, so their hang-ups arrive as SocketException.
            ShoutLog.ClientGone(logger, ex.Message);
        }
        catch (Exception ex)
        {
            ShoutLog.Failed(logger, ex);
        }
    }

    // Returns whether the connection stays open for another request.
    private async Task<bool> DispatchAsync(HeadReader reader, IDuplexPipe transport, ConnectionContext connection, ShoutTransport opened, IPAddress? address)
    {
        var head = reader.Head!;
        switch (head.Method)
        {
            case RequestMethod.Options:
                // libshout accepts any 2xx; listing PUT in Allow makes it send PUT next.
                return await ReplyAsync(reader, transport, 200, ShoutReplies.AllowHeader);
            case RequestMethod.Source or RequestMethod.Put:
                return await SourceAsync(reader, transport, opened.Name, address);
            default:
                var tally = PlaybackTally.Start(PlaybackListener.Shout, head.Path);
                var decision = await playback.DecideAsync(head.Path, PlaybackListener.Shout);
                tally.Decided(decision);
                // Encrypted answers go through the TLS pipe, never straight to the socket.
                var socket = opened.IsEncrypted ? null : connection.Features.Get<IConnectionSocketFeature>()?.Socket;
                await player.SendAsync(decision, tally, head, transport.Output, socket);
                return false;
        }
    }

    // A client that rejects the certificate after the handshake (libshout checks the host name
    // then) hangs up before its first request: that is a failure too.
    private void NoteTlsOutcome(ConnectionContext connection, bool requestArrived)
    {
        var address = ShoutTls.AddressOf(connection);
        if (requestArrived)
        {
            steering.HandshakeSucceeded(address);
            return;
        }

        steering.HandshakeFailed(address);
        ShoutLog.TlsHandshakeFailed(logger, address?.ToString(), "closed before its first request");
    }

    // Returns whether the plaintext request is served; TLS steering may close it or refuse it.
    private async Task<bool> SteerAsync(HeadReader reader, IDuplexPipe transport, ConnectionContext connection)
    {
        var head = reader.Head!;
        var address = ShoutTls.AddressOf(connection);
        switch (steering.Decide(head, address))
        {
            case ShoutTlsStep.CloseUnanswered:
                ShoutLog.SteeredToTls(logger, address?.ToString());
                return false;
            case ShoutTlsStep.RefusePlaintextSource:
                ShoutLog.PlaintextSourceRefused(logger, head.Path);
                reader.Take();
                await ReplyAsync(reader, transport, 403, keepAlive: false);
                return false;
            default:
                return true;
        }
    }

    private async Task<bool> SourceAsync(HeadReader reader, IDuplexPipe transport, string transportName, IPAddress? address)
    {
        var head = reader.Head!;
        if (MediaPaths.RecordingNameOf(head.Path) is not { } name)
        {
            ShoutLog.SourceRefused(logger, head.Path, 404);
            return await ReplyAsync(reader, transport, 404, keepAlive: false);
        }

        if (BasicCredentials.Parse(head["Authorization"]) is not { } presented)
        {
            // libshout's second phase: the same request without credentials. Never 2xx here.
            return await ReplyAsync(reader, transport, 401, ShoutReplies.ChallengeHeader);
        }

        if (_cooling.CoolingLeft(address) is { } left)
        {
            // Refused before the grain is asked: a cooled address learns nothing, right or wrong.
            ShoutLog.SourceRefused(logger, head.Path, 429);
            return await ReplyAsync(reader, transport, 429, RetryAfter((int)Math.Ceiling(left.TotalSeconds)), keepAlive: false);
        }

        ShoutLog.SourceTransport(logger, head.Path, transportName);
        if (await ingest.ReceiveAsync(name, presented.User, presented.Password, head, transport) is not { } refused)
        {
            return false;
        }

        ShoutLog.SourceRefused(logger, head.Path, refused);
        if (refused == 401 && _cooling.Fail(address))
        {
            ShoutLog.AddressCooled(logger, address!.ToString(), _options.SourceAuthMaxFailures, _options.SourceAuthWindowSeconds,
                _options.SourceAuthCoolingSeconds);
        }

        return refused == 401
            ? await ReplyAsync(reader, transport, 401, ShoutReplies.ChallengeHeader)
            : await ReplyAsync(reader, transport, refused, keepAlive: false);
    }

    private static string RetryAfter(int seconds) => string.Create(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");

    private static async Task<bool> ReplyAsync(HeadReader reader, IDuplexPipe transport, int status, string? headers = null, bool keepAlive = true)
    {
        var head = reader.Head!;
        keepAlive = keepAlive && head.KeepAlive && await reader.SkipBodyAsync(MaxDiscardedBodyBytes);
        await transport.Output.WriteAsync(ShoutReplies.Status(status, head.IsHttp11, keepAlive, headers));
        return keepAlive;
    }

    private async Task RejectAsync(PipeWriter output, HeadRejection rejection)
    {
        var status = rejection.StatusOf();
        ShoutLog.Rejected(logger, rejection, status);
        var headers = rejection == HeadRejection.MethodNotAllowed ? ShoutReplies.AllowHeader : null;
        await output.WriteAsync(ShoutReplies.Status(status, http11: false, keepAlive: false, headers));
    }
}
