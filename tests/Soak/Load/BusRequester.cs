using System.Globalization;
using System.Text;
using System.Text.Json;
using MediaOrleans.Soak.History;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MediaOrleans.Soak.Load;

/// <summary>
/// A Kazoo-style requester: publishes media_req and record_req at a steady rate with publisher
/// confirms, each with its own Msg-ID, and records every reply by Msg-ID as it arrives, late
/// ones and duplicates included. Its reply queue is exclusive, so after a broker restart it
/// connects again before the next request.
/// </summary>
public sealed class BusRequester(SoakSettings settings, string uri, HistoryLog history, string mediaName) : IAsyncDisposable
{
    private const string RequestExchange = "kapps";
    private const string ReplyExchange = "targeted";
    private readonly string _serverId = $"soak-requester-{Guid.NewGuid():N}";
    private readonly Dictionary<string, TaskCompletionSource> _waiting = [];
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(settings.Seed * 31 + 303);
        var inFlight = new List<Task>();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var record = random.Next(3) == 0;
            inFlight.Add(RequestAsync(string.Create(CultureInfo.InvariantCulture, $"msg{n}-{_serverId[^6..]}"), record, n, abort));
            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(settings.BusInterval, abort);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task RequestAsync(string msgId, bool record, int n, CancellationToken abort)
    {
        var kind = record ? OpKinds.BusRecord : OpKinds.BusMedia;
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            _waiting[msgId] = answered;
        }

        history.Add(at => new SoakEvent(at, EventTypes.Start, kind, msgId));
        try
        {
            var channel = await ChannelAsync();
            var body = new Dictionary<string, object?>
            {
                ["Event-Category"] = "media",
                ["Event-Name"] = record ? "record_req" : "media_req",
                ["App-Name"] = "soak",
                ["App-Version"] = "1.0.0",
                ["Msg-ID"] = msgId,
                ["Server-ID"] = _serverId,
                ["Media-Name"] = record ? string.Create(CultureInfo.InvariantCulture, $"soak/b{n}") : mediaName,
            };
            if (record)
            {
                body["Max-Seconds"] = 30;
            }

            var properties = new BasicProperties { ContentType = "application/json" };
            await channel.BasicPublishAsync(RequestExchange, record ? "record_req" : "media_req", mandatory: true, properties,
                JsonSerializer.SerializeToUtf8Bytes(body), abort);
            await answered.Task.WaitAsync(settings.ReplyTimeout, abort);
            history.Add(at => new SoakEvent(at, EventTypes.End, kind, msgId, Ok: true));
        }
        catch (Exception ex) when (!abort.IsCancellationRequested)
        {
            history.Add(at => new SoakEvent(at, EventTypes.End, kind, msgId, Ok: false, Detail: ex is TimeoutException ? $"no reply within {settings.ReplyTimeout}" : ex.Message));
        }
    }

    private async Task<IChannel> ChannelAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            return _channel is { IsOpen: true } open ? open : await ConnectAsync();
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<IChannel> ConnectAsync()
    {
        await CloseAsync();
        var factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false };
        _connection = await factory.CreateConnectionAsync("soak " + _serverId);
        var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.ExchangeDeclareAsync(RequestExchange, ExchangeType.Topic, durable: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(ReplyExchange, ExchangeType.Direct, durable: false, autoDelete: false);
        await channel.QueueDeclareAsync(_serverId, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(_serverId, ReplyExchange, _serverId);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var reply = JsonDocument.Parse(delivery.Body).RootElement;
            var msgId = reply.TryGetProperty("Msg-ID", out var id) ? id.GetString() ?? string.Empty : string.Empty;
            var eventName = reply.TryGetProperty("Event-Name", out var name) ? name.GetString() : null;
            history.Add(at => new SoakEvent(at, EventTypes.Reply, eventName ?? "reply", msgId, 
                Detail: eventName == "media_error" ? Encoding.UTF8.GetString(delivery.Body.Span) : null));
            lock (_waiting)
            {
                if (_waiting.Remove(msgId, out var waiter))
                {
                    waiter.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(_serverId, autoAck: true, consumer);
        _channel = channel;
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _connecting.Dispose();
    }

    private async Task CloseAsync()
    {
        try
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException or ObjectDisposedException)
        {
            // The broker went away under it: nothing left to close.
        }

        _channel = null;
        _connection = null;
    }
}
