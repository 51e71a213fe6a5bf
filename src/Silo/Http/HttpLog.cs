using MediaOrleans.Silo.Limits;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Silo.Http;

/// <summary>HTTP listener log messages (event ids 4000-4099). Client faults are Debug.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(4000, LogLevel.Debug, "Playback client went away: {Message}")]
    public static partial void ClientGone(ILogger logger, string message);

    [LoggerMessage(4002, LogLevel.Error, "Playback connection failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(4004, LogLevel.Debug, "Connection from {Address} refused: {Refusal}")]
    public static partial void ConnectionRefused(ILogger logger, string? address, ConnectionRefusal refusal);

    [LoggerMessage(4006, LogLevel.Warning,
        "HTTP port refusing connections (503): {Refusal}, the latest from {Address}, {Open} open; warned at most once a minute")]
    public static partial void ConnectionCapReached(ILogger logger, string? address, ConnectionRefusal refusal, int open);

    [LoggerMessage(4005, LogLevel.Debug, "Playback reader slower than {BytesPerSecond} B/s: connection closed")]
    public static partial void ReaderTooSlow(ILogger logger, int bytesPerSecond);

    [LoggerMessage(4003, LogLevel.Debug, "Request refused: {Rejection} ({Status})")]
    public static partial void HeadRejected(ILogger logger, HeadRejection rejection, int status);
}
