using System.IO.Pipelines;
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
/// (<see cref="ShoutPlayback"/>).
/// </summary>
public sealed class ShoutConnectionHandler(
    PlaybackRequest playback,
    ShoutPlayback player,
    ShoutSourceIngest ingest,
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
        var reader = new HeadReader(transport.Input, _options.Limits);
        var headTimeout = _options.HeadTimeout;
        try
        {
            while (await reader.ReadAsync(headTimeout, headTimeout, answerIdle: true) is var outcome && outcome != HeadReadOutcome.Closed)
            {
                var rejection = outcome == HeadReadOutcome.Rejected ? reader.Rejection : ShoutRequestRules.Refusal(reader.Head!);
                if (rejection != HeadRejection.None)
                {
                    await RejectAsync(transport.Output, rejection);
                    return;
                }

                reader.Take();
                if (!await DispatchAsync(reader, transport, connection))
                {
                    return;
                }
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

    // Returns whether the connection stays open for another request.
    private async Task<bool> DispatchAsync(HeadReader reader, IDuplexPipe transport, ConnectionContext connection)
    {
        var head = reader.Head!;
        switch (head.Method)
        {
            case RequestMethod.Options:
                // libshout accepts any 2xx; listing PUT in Allow makes it send PUT next.
                return await ReplyAsync(reader, transport, 200, ShoutReplies.AllowHeader);
            case RequestMethod.Source or RequestMethod.Put:
                return await SourceAsync(reader, transport);
            default:
                var decision = await playback.DecideAsync(head.Path, PlaybackListener.Shout);
                await player.SendAsync(decision, head, transport.Output, connection.Features.Get<IConnectionSocketFeature>()?.Socket);
                return false;
        }
    }

    private async Task<bool> SourceAsync(HeadReader reader, IDuplexPipe transport)
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

        if (await ingest.ReceiveAsync(name, presented.User, presented.Password, head, transport) is not { } refused)
        {
            return false;
        }

        ShoutLog.SourceRefused(logger, head.Path, refused);
        return refused == 401
            ? await ReplyAsync(reader, transport, 401, ShoutReplies.ChallengeHeader)
            : await ReplyAsync(reader, transport, refused, keepAlive: false);
    }

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
