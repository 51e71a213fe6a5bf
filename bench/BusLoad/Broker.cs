using RabbitMQ.Client;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>Connections made the way the silo makes them (TCP_NODELAY on), and Kazoo's exchanges.</summary>
internal static class Broker
{
    public static Task<IConnection> ConnectAsync(string uri, string name)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uri),
            AutomaticRecoveryEnabled = false,
            // Without TCP_NODELAY each small reply waits for Nagle's timer (~26 ms).
            SocketFactory = family =>
            {
                var client = ConnectionFactoryBase.DefaultSocketFactory(family);
                client.Client.NoDelay = true;
                return client;
            },
        };
        return factory.CreateConnectionAsync(name);
    }

    /// <summary>The request and reply exchanges, declared as Kazoo applications (and the silo) declare them.</summary>
    public static async Task DeclareExchangesAsync(IChannel channel, string requestExchange, string replyExchange)
    {
        await channel.ExchangeDeclareAsync(requestExchange, ExchangeType.Topic, durable: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(replyExchange, ExchangeType.Direct, durable: false, autoDelete: false);
    }
}
