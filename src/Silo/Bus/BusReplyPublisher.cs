using System.Text.Json;
using RabbitMQ.Client;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Publishes replies on a channel with publisher confirms: <see cref="PublishAsync"/> completes
/// only once the broker has taken the reply (true) or refused it (false), so the request is
/// acknowledged after that and never before.
/// </summary>
internal sealed class BusReplyPublisher(PublisherConfirms confirms, string exchange)
{
    private const string JsonContentType = "application/json";

    /// <summary>Publishes <paramref name="answer"/> to the reply exchange; true once the broker confirmed it.</summary>
    public Task<bool> PublishAsync(BusAnswer answer, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(answer.Reply, BusJsonContext.Replies.BusReply);
        var properties = new BasicProperties
        {
            ContentType = JsonContentType,
            // Kept across a broker restart when the requester's queue is durable; Kazoo's exclusive
            // reply queues are not, and there it costs nothing.
            DeliveryMode = DeliveryModes.Persistent,
            CorrelationId = answer.Reply.MsgId,
        };
        // Not mandatory: a reply whose requester has gone is dropped by the broker, not returned and retried.
        return confirms.PublishAsync(
            channel => channel.BasicPublishAsync(exchange, answer.RoutingKey, mandatory: false, properties, body, cancellationToken),
            cancellationToken);
    }
}
