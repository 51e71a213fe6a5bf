using MediaOrleans.Silo.Limits;
using MediaOrleans.Silo.Wire;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Silo.Shout;

/// <summary>SHOUT listener log messages (event ids 3000-3099). Client faults are Debug; credentials are never logged.</summary>
internal static partial class ShoutLog
{
    public static readonly Func<ILogger, string, string?, IDisposable?> ConnectionScope =
        LoggerMessage.DefineScope<string, string?>("SHOUT connection {ConnectionId} from {RemoteEndPoint}");

    [LoggerMessage(3000, LogLevel.Debug, "Request refused: {Rejection} ({Status})")]
    public static partial void Rejected(ILogger logger, HeadRejection rejection, int status);

    [LoggerMessage(3001, LogLevel.Information, "Source connected to recording {Recording} ({Method})")]
    public static partial void SourceStarted(ILogger logger, string recording, string method);

    [LoggerMessage(3002, LogLevel.Information, "Source of recording {Recording} ended: {Bytes} bytes received, {Reason}")]
    public static partial void SourceEnded(ILogger logger, string recording, long bytes, string reason);

    [LoggerMessage(3003, LogLevel.Debug, "Source refused for {Mount}: {Status}")]
    public static partial void SourceRefused(ILogger logger, string mount, int status);

    [LoggerMessage(3004, LogLevel.Debug, "Connection closed by the client: {Message}")]
    public static partial void ClientGone(ILogger logger, string message);

    [LoggerMessage(3005, LogLevel.Error, "SHOUT connection failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(3008, LogLevel.Debug, "Connection refused: {Refusal}")]
    public static partial void ConnectionRefused(ILogger logger, ConnectionRefusal refusal);

    [LoggerMessage(3009, LogLevel.Warning,
        "Address {Address} presented wrong source credentials {Failures} times within {WindowSeconds} s: its sources are refused (429) for {CoolingSeconds} s")]
    public static partial void AddressCooled(ILogger logger, string address, int failures, int windowSeconds, int coolingSeconds);

    [LoggerMessage(3011, LogLevel.Warning,
        "SHOUT port refusing connections (503): {Refusal}, the latest from {Address}, {Open} open; warned at most once a minute")]
    public static partial void ConnectionCapReached(ILogger logger, string? address, ConnectionRefusal refusal, int open);

    [LoggerMessage(3010, LogLevel.Debug, "Playback reader slower than {BytesPerSecond} B/s: connection closed")]
    public static partial void ReaderTooSlow(ILogger logger, int bytesPerSecond);

    [LoggerMessage(3007, LogLevel.Information, "Continuous stream listener on {Path} dropped: it fell too far behind")]
    public static partial void ListenerDropped(ILogger logger, string path);

    [LoggerMessage(3050, LogLevel.Information, "TLS handshake from {Address} failed: {Message}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string? address, string message);

    [LoggerMessage(3051, LogLevel.Information, "Source for {Mount} sent over {Transport}")]
    public static partial void SourceTransport(ILogger logger, string mount, string transport);

    [LoggerMessage(3052, LogLevel.Debug, "TLS probe from {Address} closed unanswered: steered to TLS")]
    public static partial void SteeredToTls(ILogger logger, string? address);

    [LoggerMessage(3053, LogLevel.Information, "Plaintext source for {Mount} refused: Media:Shout:Tls is Required")]
    public static partial void PlaintextSourceRefused(ILogger logger, string mount);
}
