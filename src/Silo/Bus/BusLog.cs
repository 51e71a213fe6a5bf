namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Message bus log messages (event ids 7000-7099). Broker addresses are logged with the password
/// replaced; malformed requests are the sender's fault and logged at Debug.
/// </summary>
internal static partial class BusLog
{
    [LoggerMessage(7000, LogLevel.Information, "Bus connecting to {Broker} ({Mode} mode)")]
    public static partial void Connecting(ILogger logger, string broker, BusMode mode);

    [LoggerMessage(7001, LogLevel.Information, "Bus connected to {Broker}: consuming {Queues} as {ServerId}")]
    public static partial void Connected(ILogger logger, string broker, string queues, string serverId);

    [LoggerMessage(7002, LogLevel.Warning, "Bus connection to {Broker} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, int delayMilliseconds);

    [LoggerMessage(7003, LogLevel.Warning, "Bus connection lost ({Reason}); reconnecting in {DelayMilliseconds} ms")]
    public static partial void ConnectionLost(ILogger logger, string reason, int delayMilliseconds);

    [LoggerMessage(7004, LogLevel.Warning,
        "{Kind} '{Name}' already exists with other properties than this silo declares ({Declared}); the broker said: {BrokerText}. Using it as it is")]
    public static partial void ExistingDifferent(ILogger logger, string kind, string name, string declared, string brokerText);

    [LoggerMessage(7005, LogLevel.Information, "Bus stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(7006, LogLevel.Warning, "Bus message without a usable Server-ID acknowledged unanswered: {Problem}")]
    public static partial void Unanswerable(ILogger logger, string problem);

    [LoggerMessage(7026, LogLevel.Debug, "Bus message without a usable Server-ID acknowledged unanswered: {Problem}")]
    public static partial void UnanswerableAgain(ILogger logger, string problem);

    [LoggerMessage(7007, LogLevel.Debug, "Bus request {MsgId} from {ServerId} answered with {EventName} {ErrorCode}")]
    public static partial void Answered(ILogger logger, string? msgId, string serverId, string eventName, string errorCode);

    [LoggerMessage(7008, LogLevel.Debug, "Bus request {MsgId} from {ServerId} refused: {Problem}")]
    public static partial void Malformed(ILogger logger, string? msgId, string? serverId, string problem);

    [LoggerMessage(7009, LogLevel.Warning, "Bus request {MsgId} from {ServerId} failed; requeued for one more try")]
    public static partial void Requeued(ILogger logger, string? msgId, string? serverId, Exception exception);

    [LoggerMessage(7010, LogLevel.Error, "Bus request {MsgId} from {ServerId} failed again after redelivery; answering with media_error")]
    public static partial void FailedTwice(ILogger logger, string? msgId, string? serverId, Exception exception);

    [LoggerMessage(7011, LogLevel.Warning, "Reply to bus request {MsgId} was not confirmed by the broker ({Reason}); {Outcome}")]
    public static partial void ReplyNotConfirmed(ILogger logger, string? msgId, string reason, string outcome);

    [LoggerMessage(7012, LogLevel.Debug, "Bus delivery {DeliveryTag} left to the broker to redeliver: the channel closed ({Reason})")]
    public static partial void LeftForRedelivery(ILogger logger, ulong deliveryTag, string reason);

    [LoggerMessage(7013, LogLevel.Warning, "The broker cancelled the bus consumer {ConsumerTag} (queue deleted?); reconnecting")]
    public static partial void ConsumerCancelled(ILogger logger, string consumerTag);

    [LoggerMessage(7014, LogLevel.Warning, "{Count} bus requests were still being answered when the bus stopped; the broker redelivers them")]
    public static partial void StoppedWithInFlight(ILogger logger, int count);
}
