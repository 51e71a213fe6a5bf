using RabbitMQ.Client;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// The AMQP consumer of the request queues: hands each delivery to the <see cref="BusDeliveryHandler"/>
/// (the channel's dispatch concurrency bounds how many run at once) and reports a cancel by the
/// broker, which happens when a consumed queue is deleted.
/// </summary>
internal sealed class BusConsumer(IChannel channel, BusDeliveryHandler handler, Action<string> cancelledByBroker)
    : AsyncDefaultBasicConsumer(channel)
{
    /// <inheritdoc />
    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        handler.HandleAsync(Channel, deliveryTag, redelivered, body);

    /// <inheritdoc />
    public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        await base.HandleBasicCancelAsync(consumerTag, cancellationToken);
        cancelledByBroker(consumerTag);
    }
}
