using MediaOrleans.Client.Connection;
using MediaOrleans.Client.Media;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;
using Orleans.Runtime.Messaging;

namespace MediaOrleans.Cli.Output;

/// <summary>
/// The one table from failures to what a shell user sees: exit code, a stable error code (the
/// <c>error</c> of <c>--json</c> output) and a message. Expected failures never show a stack trace.
/// </summary>
internal sealed record ErrorReport(int ExitCode, string Code, string Message)
{
    public static ErrorReport From(Exception exception) => exception switch
    {
        ArgumentException { ParamName: { } parameter } argument =>
            new(ExitCodes.Usage, "usage", argument.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)),
        UsageException or ArgumentException or FormatException => new(ExitCodes.Usage, "usage", exception.Message),
        NotFoundException => new(ExitCodes.NotFound, "not_found", exception.Message),
        RecordingNotFoundException => new(ExitCodes.NotFound, "not_found", exception.Message),
        PlaybackUrlException { IsNotFound: true } => new(ExitCodes.NotFound, "not_found", exception.Message),
        PlaybackUrlException refused => new(ExitCodes.Refused, refused.Code, refused.Message),
        MediaRejectedException rejected => new(ExitCodes.Refused, CodeOf(rejected.Reason), rejected.Message),
        MediaTooLargeException => new(ExitCodes.Refused, "too_large", exception.Message),
        RecordingPushException { Result: AppendResult.LimitReached } => new(ExitCodes.Refused, "limit_reached", exception.Message),
        RecordingPushException { Result: AppendResult.SpoolFailed } => new(ExitCodes.Refused, "spool_failed", exception.Message),
        RecordingPushException => new(ExitCodes.Refused, "not_admitted", exception.Message),
        ClusterUnreachableException => new(ExitCodes.CannotConnect, "cannot_connect", exception.Message),
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException =>
            new(ExitCodes.CannotConnect, "connection_lost", $"lost the connection to the cluster: {exception.Message}"),
        TimeoutException => new(ExitCodes.CannotConnect, "timeout", $"the cluster did not answer in time: {exception.Message}"),
        OperationCanceledException => new(ExitCodes.Cancelled, "cancelled", "cancelled"),
        _ => new(ExitCodes.Failed, "failed", $"{exception.GetType().Name}: {exception.Message}"),
    };

    /// <summary>The code of a grain's refusal, the same words the admin API uses.</summary>
    public static string CodeOf(MediaRejection reason) => reason switch
    {
        MediaRejection.UnsupportedType => "unsupported_media_type",
        MediaRejection.InvalidAudio => "invalid_audio",
        MediaRejection.InvalidName => "invalid_name",
        MediaRejection.NoData => "no_data",
        MediaRejection.Conflict => "conflict",
        _ => "invalid_request",
    };
}
