namespace MediaOrleans.Silo.Http;

/// <summary>HTTP listener log messages (event ids 4000-4099). Client faults are Debug.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(4000, LogLevel.Debug, "Playback client went away: {Message}")]
    public static partial void ClientGone(ILogger logger, string message);

    [LoggerMessage(4001, LogLevel.Debug, "Playback of {Path} refused: {Status}")]
    public static partial void PlaybackRefused(ILogger logger, string path, int status);
}
