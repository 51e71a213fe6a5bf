using System.Diagnostics;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Silo.Limits;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Answers one delivered request and settles it with the broker. The rules that keep a request
/// from being lost or looping:
/// <list type="bullet">
/// <item>it is acknowledged only after the broker confirmed its reply (or when it has no
/// <c>Server-ID</c> to reply to, which is logged);</item>
/// <item>a malformed request is answered with <c>media_error</c> and acknowledged, never requeued;</item>
/// <item>a request whose answer fails is requeued once; arriving again (redelivered) and failing
/// again, it is answered with <c>media_error</c>, or dropped and logged if even that fails;</item>
/// <item>if the channel goes away mid-request nothing is settled: the broker redelivers it.</item>
/// </list>
/// </summary>
internal sealed class BusDeliveryHandler(BusResponder responder, BusReplyPublisher publisher, ILogger logger)
{
    // A confirm normally takes one broker round trip; past this the reply is treated as not taken.
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);
    // Whoever may publish can send unanswerable messages in a loop: one warning a minute says so,
    // the rest go to Debug instead of flooding the log.
    private readonly WarningPace _unanswerableWarnings = new(TimeSpan.FromMinutes(1), TimeProvider.System);
    private int _inFlight;

    private enum Settlement
    {
        Ack,
        Requeue,
        Drop,
    }

    /// <summary>Requests being answered right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Answers the request in <paramref name="body"/> (valid only during this call) and settles it on <paramref name="channel"/>.</summary>
    public async Task HandleAsync(IChannel channel, ulong deliveryTag, bool redelivered, ReadOnlyMemory<byte> body)
    {
        Interlocked.Increment(ref _inFlight);
        var started = Stopwatch.GetTimestamp();
        var request = BusRequestParser.Parse(body.Span);
        var result = "failed";
        try
        {
            (var settlement, result) = await AnswerAsync(request, redelivered);
            switch (settlement)
            {
                case Settlement.Ack:
                    await channel.BasicAckAsync(deliveryTag, multiple: false);
                    break;
                case Settlement.Requeue:
                    await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true);
                    break;
                default:
                    await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: false);
                    break;
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
            BusLog.LeftForRedelivery(logger, deliveryTag, ex.Message);
            result = "redelivery";
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            var kind = MediaMetrics.Tag("event", EventOf(request.Kind));
            MediaMetrics.BusRequests.Add(1, MediaMetrics.Tags("event", EventOf(request.Kind), "result", result));
            MediaMetrics.BusRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, kind);
        }
    }

    // The metrics' event label: the request's event name when it is one the bus serves.
    private static string EventOf(BusRequestKind kind) => kind switch
    {
        BusRequestKind.Media => KazooEvents.MediaRequest,
        BusRequestKind.Record => KazooEvents.RecordRequest,
        _ => "invalid",
    };

    // The settlement, and the result the metrics count: the reply's event name when one was
    // confirmed, else what became of the request.
    private async Task<(Settlement, string)> AnswerAsync(BusRequest request, bool redelivered)
    {
        if (request.Problem is not null)
        {
            BusLog.Malformed(logger, request.MsgId, request.ServerId, request.Problem);
        }

        BusAnswer? answer;
        try
        {
            answer = await responder.AnswerAsync(request);
        }
        catch (Exception ex) when (!redelivered)
        {
            BusLog.Requeued(logger, request.MsgId, request.ServerId, ex);
            return (Settlement.Requeue, "requeued");
        }
        catch (Exception ex)
        {
            BusLog.FailedTwice(logger, request.MsgId, request.ServerId, ex);
            answer = responder.Failure(request, "the media layer could not answer this request; it failed twice");
        }

        if (answer is null)
        {
            var problem = request.Problem ?? "no Server-ID to reply to";
            if (_unanswerableWarnings.Due())
            {
                BusLog.Unanswerable(logger, problem);
            }
            else
            {
                BusLog.UnanswerableAgain(logger, problem);
            }
            return (Settlement.Ack, "unanswerable");
        }

        return await PublishAsync(request, answer, redelivered);
    }

    private async Task<(Settlement, string)> PublishAsync(BusRequest request, BusAnswer answer, bool redelivered)
    {
        using var timeout = new CancellationTokenSource(ConfirmTimeout);
        string reason;
        try
        {
            if (await publisher.PublishAsync(answer, timeout.Token))
            {
                BusLog.Answered(logger, request.MsgId, answer.RoutingKey, answer.Reply.EventName, answer.Reply.ErrorCode ?? string.Empty);
                return (Settlement.Ack, answer.Reply.EventName);
            }

            reason = "nacked";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            reason = $"no confirm within {ConfirmTimeout.TotalSeconds:0} s";
        }

        // Requeued once; a request already redelivered is dropped rather than looping.
        BusLog.ReplyNotConfirmed(logger, request.MsgId, reason, redelivered ? "request dropped" : "request requeued once");
        return redelivered ? (Settlement.Drop, "dropped") : (Settlement.Requeue, "requeued");
    }
}
