using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Declares what the silo needs on the broker, on every (re)connect: the request and reply
/// exchanges with the flags Kazoo applications declare them with (topic <c>kapps</c> and direct
/// <c>targeted</c>, neither durable nor auto-deleted), the request queues and their bindings.
/// Declaring is idempotent. When a name already exists with other flags the broker answers
/// PRECONDITION_FAILED (406) and closes the channel; the silo then logs the difference and uses
/// what exists (checked with a passive declare) instead of failing.
/// </summary>
internal sealed class BusTopology(BusOptions options, BusIdentity identity, ILogger logger)
{
    /// <summary>Declares everything on <paramref name="connection"/>; answers the queues to consume.</summary>
    public async Task<IReadOnlyList<string>> DeclareAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var declarer = new Declarer(connection, logger, cancellationToken);
        // Non-durable exchanges vanish with a broker restart (and their bindings with them), so they
        // are declared again on every connect; Kazoo's applications do the same.
        await declarer.ExchangeAsync(options.RequestExchange, ExchangeType.Topic);
        await declarer.ExchangeAsync(options.ReplyExchange, ExchangeType.Direct);

        // The shared queues are durable, so requests published while no silo is connected wait in them.
        var mediaQueue = options.Mode == BusMode.Shared
            ? await declarer.SharedQueueAsync(options.Queue)
            : await declarer.OwnQueueAsync(identity.ServerId);
        var recordQueue = await declarer.SharedQueueAsync(options.RecordQueue);
        await declarer.BindAsync(mediaQueue, options.RequestExchange, options.MediaRoutingKey);
        await declarer.BindAsync(recordQueue, options.RequestExchange, options.RecordRoutingKey);
        return [mediaQueue, recordQueue];
    }

    // One channel for the declarations, replaced when a 406 closes it.
    private sealed class Declarer(IConnection connection, ILogger logger, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private IChannel? _channel;

        public async Task ExchangeAsync(string name, string type)
        {
            if (!await TryAsync(channel => channel.ExchangeDeclareAsync(name, type, durable: false, autoDelete: false,
                    cancellationToken: cancellationToken), "Exchange", name, $"type {type}, not durable, not auto-deleted"))
            {
                await (await ChannelAsync()).ExchangeDeclarePassiveAsync(name, cancellationToken);
            }
        }

        public async Task<string> SharedQueueAsync(string name)
        {
            if (!await TryAsync(channel => channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false,
                    cancellationToken: cancellationToken), "Queue", name, "durable, not exclusive, not auto-deleted"))
            {
                await (await ChannelAsync()).QueueDeclarePassiveAsync(name, cancellationToken);
            }

            return name;
        }

        // PerSilo mode: a queue of the connection's own, gone with it, as Kazoo's media servers had.
        public async Task<string> OwnQueueAsync(string name)
        {
            await (await ChannelAsync()).QueueDeclareAsync(name, durable: false, exclusive: true, autoDelete: true,
                cancellationToken: cancellationToken);
            return name;
        }

        public async Task BindAsync(string queue, string exchange, string routingKey) =>
            await (await ChannelAsync()).QueueBindAsync(queue, exchange, routingKey, cancellationToken: cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }
        }

        // False when the name exists with other flags (406); the channel is then replaced.
        private async Task<bool> TryAsync(Func<IChannel, Task> declare, string kind, string name, string declared)
        {
            try
            {
                await declare(await ChannelAsync());
                return true;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
            {
                BusLog.ExistingDifferent(logger, kind, name, declared, ex.ShutdownReason.ReplyText);
                await _channel!.DisposeAsync();
                _channel = null;
                return false;
            }
        }

        private async Task<IChannel> ChannelAsync() =>
            _channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
    }
}
