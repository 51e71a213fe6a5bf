namespace MediaOrleans.Silo.Playback;

/// <summary>Playback decision log messages (event ids 5000-5099). Refusals are the client's business: Debug.</summary>
internal static partial class PlaybackLog
{
    [LoggerMessage(5000, LogLevel.Debug, "Playback of {Path} refused: {Status}")]
    public static partial void Refused(ILogger logger, string path, int status);
}
