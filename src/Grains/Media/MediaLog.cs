using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>Media grain log messages (event ids 1000-1099).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(1000, LogLevel.Information, "Media {Media} version {Version} stored ({Bytes} bytes, {Codec})")]
    public static partial void Replaced(ILogger logger, string media, string version, long bytes, string codec);

    [LoggerMessage(1001, LogLevel.Debug, "Media {Media} version {Version} loaded from the store ({Bytes} bytes in {Milliseconds} ms)")]
    public static partial void Loaded(ILogger logger, string media, string version, long bytes, double milliseconds);

    [LoggerMessage(1002, LogLevel.Warning, "Media {Media} version {Version} is described but missing from the store")]
    public static partial void VersionMissing(ILogger logger, string media, string version);

    [LoggerMessage(1003, LogLevel.Information, "Media {Media} version {Version} transcoded to {Extension} at {Rate} Hz ({Bytes} bytes in {Milliseconds} ms)")]
    public static partial void Transcoded(ILogger logger, string media, string version, string extension, int rate, long bytes, double milliseconds);

    [LoggerMessage(1009, LogLevel.Warning, "Media {Media} version {Version} not transcoded: {Reason}")]
    public static partial void TranscodeOverBudget(ILogger logger, string media, string version, string reason);

    // A Warning without a stack: anyone who may upload can send audio the decoder refuses, and
    // the reason is all an operator needs.
    [LoggerMessage(1004, LogLevel.Warning, "Media {Media} version {Version} could not be decoded for transcoding: {Reason}")]
    public static partial void TranscodeFailed(ILogger logger, string media, string version, string reason);

    [LoggerMessage(1005, LogLevel.Warning, "Media {Media} version {Version}: loading stopped after {Arrived} of {Bytes} bytes: {Reason}")]
    public static partial void LoadFailed(ILogger logger, string media, string version, long arrived, long bytes, string reason);

    [LoggerMessage(1006, LogLevel.Information, "Media {Media} changed in the store: version {Old} is now {New}")]
    public static partial void Refreshed(ILogger logger, string media, string? old, string? @new);

    [LoggerMessage(1007, LogLevel.Warning, "Media {Media} version {Version} is served as stored but is not audio it can inspect: {Reason}")]
    public static partial void NotInspectable(ILogger logger, string media, string version, string reason);

    [LoggerMessage(1008, LogLevel.Information, "Media {Media} deleted (existed: {Existed})")]
    public static partial void Deleted(ILogger logger, string media, bool existed);
}
