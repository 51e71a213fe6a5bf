namespace MediaOrleans.Silo.Storage;

/// <summary>Storage log messages of the silo (event ids 6100-6199).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(6100, LogLevel.Information, "Recording {Recording} was waiting to be stored as {Media}; resuming")]
    public static partial void ResumingStore(ILogger logger, string recording, string media);

    [LoggerMessage(6101, LogLevel.Warning, "Recording {Recording}: resuming its pending store failed: {Reason}")]
    public static partial void ResumeFailed(ILogger logger, string recording, string reason);
}
