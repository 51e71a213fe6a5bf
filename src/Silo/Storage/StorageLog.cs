using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>Storage log messages of the silo (event ids 6100-6199).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(6100, LogLevel.Information,
        "Recording {Recording} was {Saved} (pending store: {PendingStore}) when the silo started; now {State} with {Bytes} bytes")]
    public static partial void Resumed(ILogger logger, string recording, RecordingState saved, string? pendingStore, RecordingState state, long bytes);

    [LoggerMessage(6101, LogLevel.Warning, "Recording {Recording} could not be resumed at start: {Reason}")]
    public static partial void ResumeFailed(ILogger logger, string recording, string reason);

    [LoggerMessage(6102, LogLevel.Information, "Moved {Count} {Kind} of the earlier directory layout under {Root} into the current one")]
    public static partial void LegacyLayoutMoved(ILogger logger, int count, string kind, string root);
}
