using MediaOrleans.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>
/// Exchanges and queues that already exist with other flags than the silo declares (the broker
/// answers PRECONDITION_FAILED): the silo says so in its log and works with what exists.
/// </summary>
[Collection(SharedRabbitMq.Name)]
public sealed class BusTopologyTests(RabbitMqServer broker)
{
    [SkippableFact]
    public async Task ExchangeAndQueueWithOtherFlags_AreUsedAsTheyAre_WithAWarning()
    {
        broker.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = BusSilos.Isolated(broker, suffix);
        await using var client = await BusClient.ConnectAsync(broker.Uri, "setup-" + suffix, "setup-replies-" + suffix);
        var setup = await client.OpenChannelAsync();
        // Declared by someone else first: a durable request exchange (Kazoo's is not) and a
        // non-durable queue where the silo wants a durable one.
        await setup.ExchangeDeclareAsync(settings["Media__Bus__RequestExchange"], ExchangeType.Topic, durable: true, autoDelete: false);
        await setup.QueueDeclareAsync(settings["Media__Bus__Queue"], durable: false, exclusive: false, autoDelete: false);

        await using var silo = await BusSilos.StartConnectedAsync(settings);
        // A Kazoo-style requester would fail the same way declaring the request exchange, so this one
        // declares another and publishes to the durable one without declaring it.
        await using var requester = await BusClient.ConnectAsync(broker.Uri, "requests-" + suffix, settings["Media__Bus__ReplyExchange"]);
        var reply = await RequestWithoutDeclaringAsync(setup, requester, settings["Media__Bus__RequestExchange"]);

        Assert.Equal(("media_error", "not_found"), (reply["Event-Name"], reply["Error-Code"]));
        Assert.Equal(1, BusSilos.LogCount(silo, $"Exchange '{settings["Media__Bus__RequestExchange"]}' already exists with other properties",
            "inequivalent arg 'durable'", "Using it as it is"));
        Assert.Equal(1, BusSilos.LogCount(silo, $"Queue '{settings["Media__Bus__Queue"]}' already exists with other properties",
            "inequivalent arg 'durable'", "Using it as it is"));

        await setup.ExchangeDeleteAsync(settings["Media__Bus__RequestExchange"]);
        await setup.ExchangeDeleteAsync("requests-" + suffix);
        await setup.QueueDeleteAsync(settings["Media__Bus__Queue"]);
        await setup.QueueDeleteAsync(settings["Media__Bus__RecordQueue"]);
        await setup.DisposeAsync();
    }

    private static async Task<BusReplyMessage> RequestWithoutDeclaringAsync(IChannel channel, BusClient requester, string exchange)
    {
        var msgId = Guid.NewGuid().ToString("N");
        var body = requester.Request("media_req", msgId, ("Media-Name", "/system_media/absent"));
        await channel.BasicPublishAsync(exchange, "media_req", System.Text.Encoding.UTF8.GetBytes(body));
        return await requester.WaitForReplyAsync(msgId);
    }
}
