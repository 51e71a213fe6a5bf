using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Recordings;

/// <summary>Recording grain log messages (event ids 2000-2099). Credentials are never logged.</summary>
internal static partial class RecordingLog
{
    [LoggerMessage(2000, LogLevel.Information, "Recording {Recording} allocated for up to {MaxSeconds} s")]
    public static partial void Allocated(ILogger logger, string recording, int maxSeconds);

    [LoggerMessage(2001, LogLevel.Information, "Recording {Recording} complete: {Bytes} bytes, stopped by {Reason}")]
    public static partial void Completed(ILogger logger, string recording, long bytes, string reason);

    [LoggerMessage(2002, LogLevel.Information, "Recording {Recording} stored as {Media} version {Version} ({Bytes} bytes)")]
    public static partial void Stored(ILogger logger, string recording, string media, string version, int bytes);

    [LoggerMessage(2004, LogLevel.Warning, "Recording {Recording}: the media store is unavailable; storing it as {Media} again in {DelaySeconds} s (every byte stays spooled)")]
    public static partial void StoreDeferred(ILogger logger, string recording, string media, double delaySeconds);

    [LoggerMessage(2005, LogLevel.Error, "Recording {Recording} cannot be stored as {Media}: {Reason}")]
    public static partial void StoreRefused(ILogger logger, string recording, string media, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Recording {Recording} was receiving when its silo stopped; recovered {Bytes} bytes")]
    public static partial void Recovered(ILogger logger, string recording, long bytes);

    [LoggerMessage(2006, LogLevel.Warning, "Recording {Recording} activated again while its source streams into silo {Silo}; its session continues after {Bytes} bytes")]
    public static partial void SourceResumed(ILogger logger, string recording, long bytes, string silo);

    [LoggerMessage(2007, LogLevel.Warning, "Recording {Recording}: its spool cannot be written ({Error}); {Outcome}")]
    public static partial void SpoolFailed(ILogger logger, string recording, string error, string outcome);

    [LoggerMessage(2008, LogLevel.Debug, "Recording {Recording}: its spool still cannot be written ({Error}); {Outcome}")]
    public static partial void SpoolFailedAgain(ILogger logger, string recording, string error, string outcome);

    [LoggerMessage(2009, LogLevel.Information, "Recording {Recording}: its record is saved again ({State}, stopped by {Reason})")]
    public static partial void RecordSaved(ILogger logger, string recording, string state, string? reason);
}
