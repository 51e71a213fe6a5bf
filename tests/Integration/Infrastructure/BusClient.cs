using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A Kazoo-style requester on the bus, made with RabbitMQ.Client: it declares the request and
/// reply exchanges as Kazoo applications do (non-durable topic and direct), binds a reply queue
/// named after its <c>Server-ID</c> to the reply exchange, publishes requests with publisher
/// confirms and collects every reply by <c>Msg-ID</c>.
/// </summary>
public sealed class BusClient : IAsyncDisposable
{
    private readonly string _uri;
    private readonly bool _durableReplies;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<BusReplyMessage>> _replies = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private IConnection? _connection;
    private IChannel? _channel;

    private BusClient(string uri, string requestExchange, string replyExchange, bool durableReplies)
    {
        _uri = uri;
        RequestExchange = requestExchange;
        ReplyExchange = replyExchange;
        _durableReplies = durableReplies;
    }

    /// <summary>This requester's <c>Server-ID</c>: its reply queue and the replies' routing key.</summary>
    public string ServerId { get; } = $"test-requester-{Guid.NewGuid():N}";

    /// <summary>The exchange requests go to.</summary>
    public string RequestExchange { get; }

    /// <summary>The exchange replies come from.</summary>
    public string ReplyExchange { get; }

    /// <summary>Whether the last (re)connect succeeded and the connection is still open.</summary>
    public bool Connected => _channel is { IsOpen: true };

    /// <summary>Every reply received so far.</summary>
    public IReadOnlyList<BusReplyMessage> AllReplies => [.. _replies.Values.SelectMany(queue => queue)];

    /// <summary>
    /// Connects. <paramref name="durableReplies"/> makes the reply exchange and the reply queue
    /// durable (the queue not exclusive), so the binding survives a broker restart and replies
    /// published while this client reconnects wait for it. Connect such a client before any silo
    /// declares the reply exchange (non-durable, as Kazoo does).
    /// </summary>
    public static async Task<BusClient> ConnectAsync(string uri, string requestExchange = "kapps", string replyExchange = "targeted",
        bool durableReplies = false)
    {
        var client = new BusClient(uri, requestExchange, replyExchange, durableReplies);
        await client.ReconnectAsync();
        return client;
    }

    /// <summary>A Kazoo request body: the standard headers, this client's Server-ID, <paramref name="msgId"/> and <paramref name="fields"/>.</summary>
    public string Request(string eventName, string msgId, params (string Name, object? Value)[] fields)
    {
        var body = new Dictionary<string, object?>
        {
            ["Event-Category"] = "media",
            ["Event-Name"] = eventName,
            ["App-Name"] = "integration-tests",
            ["App-Version"] = "1.0.0",
            ["Msg-ID"] = msgId,
            ["Server-ID"] = ServerId,
        };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return JsonSerializer.Serialize(body);
    }

    /// <summary>
    /// Publishes <paramref name="body"/> and waits for the broker's confirm. With
    /// <paramref name="mandatory"/> a request no queue is bound for is returned: it throws
    /// <see cref="RabbitMQ.Client.Exceptions.PublishException"/>.
    /// </summary>
    public async Task PublishAsync(string body, string routingKey = "media_req", bool persistent = false, bool mandatory = false)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient,
        };
        var channel = _channel ?? throw new InvalidOperationException("not connected; call ReconnectAsync");
        await channel.BasicPublishAsync(RequestExchange, routingKey, mandatory, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Publishes a media_req for <paramref name="mediaName"/> and returns the first reply.</summary>
    public async Task<BusReplyMessage> MediaRequestAsync(string mediaName, params (string Name, object? Value)[] fields)
    {
        var msgId = Guid.NewGuid().ToString("N");
        await PublishAsync(Request("media_req", msgId, [("Media-Name", mediaName), .. fields]));
        return await WaitForReplyAsync(msgId);
    }

    /// <summary>The first reply with <paramref name="msgId"/>, waiting up to <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<BusReplyMessage> WaitForReplyAsync(string msgId, TimeSpan? timeout = null) =>
        (await WaitForRepliesAsync(msgId, 1, timeout))[0];

    /// <summary>At least <paramref name="count"/> replies with <paramref name="msgId"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<BusReplyMessage>> WaitForRepliesAsync(string msgId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (RepliesTo(msgId).Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"{RepliesTo(msgId).Count} of {count} replies to {msgId} within {timeout ?? TimeSpan.FromSeconds(30)}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }

        return RepliesTo(msgId);
    }

    /// <summary>The replies with <paramref name="msgId"/> received so far.</summary>
    public IReadOnlyList<BusReplyMessage> RepliesTo(string msgId) =>
        _replies.TryGetValue(msgId, out var queue) ? [.. queue] : [];

    /// <summary>(Re)opens the connection and declares the exchanges, the reply queue and its binding again.</summary>
    public async Task ReconnectAsync()
    {
        await CloseAsync();
        var factory = new ConnectionFactory { Uri = new Uri(_uri), AutomaticRecoveryEnabled = false };
        _connection = await factory.CreateConnectionAsync("integration-tests " + ServerId);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await _channel.ExchangeDeclareAsync(RequestExchange, ExchangeType.Topic, durable: false, autoDelete: false);
        await _channel.ExchangeDeclareAsync(ReplyExchange, ExchangeType.Direct, durable: _durableReplies, autoDelete: false);
        await _channel.QueueDeclareAsync(ServerId, durable: _durableReplies, exclusive: !_durableReplies, autoDelete: !_durableReplies);
        await _channel.QueueBindAsync(ServerId, ReplyExchange, ServerId);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var message = new BusReplyMessage(JsonDocument.Parse(delivery.Body).RootElement.Clone(), delivery.BasicProperties.ContentType,
                delivery.RoutingKey, delivery.Exchange);
            var msgId = message.Body.TryGetProperty("Msg-ID", out var id) ? id.GetString() ?? string.Empty : string.Empty;
            _replies.GetOrAdd(msgId, _ => new ConcurrentQueue<BusReplyMessage>()).Enqueue(message);
            _arrived.Release();
            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(ServerId, autoAck: true, consumer);
    }

    /// <summary>Deletes a queue left behind by a test (durable queues outlive their consumers).</summary>
    public async Task DeleteQueueAsync(string queue) => await _channel!.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);

    /// <summary>A channel of this client's connection, for tests that declare things themselves.</summary>
    public Task<IChannel> OpenChannelAsync() => _connection!.CreateChannelAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_durableReplies && _channel is { IsOpen: true })
        {
            await _channel.QueueDeleteAsync(ServerId, ifUnused: false, ifEmpty: false);
            await _channel.ExchangeDeleteAsync(ReplyExchange, ifUnused: false);
        }

        await CloseAsync();
        _arrived.Dispose();
    }

    private async Task CloseAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}

/// <summary>One reply as it arrived: its JSON body, AMQP content type, routing key and exchange.</summary>
public sealed record BusReplyMessage(JsonElement Body, string? ContentType, string RoutingKey, string Exchange)
{
    /// <summary>A string field of the body, or null.</summary>
    public string? this[string field] => Body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
