using System.Text;
using RabbitMQ.Client;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Mutated Kazoo <c>media_req</c> (and <c>record_req</c>) messages published to the request
/// exchange over AMQP. Nothing waits for a reply: the checks after the batch tell whether the
/// silo and its bus consumer survived them.
/// </summary>
public sealed class BusMessages(Target target) : IFamily, IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public string Name => "bus";

    public async Task<Outcome> SendAsync(Random random, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var body = Build(random);
        var routingKey = random.Next(6) == 0 ? "record_req" : "media_req";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        await _lock.WaitAsync(timeout.Token);
        try
        {
            var channel = await ChannelAsync(timeout.Token);
            var properties = new BasicProperties { ContentType = random.Next(8) == 0 ? "text/plain" : "application/json" };
            await channel.BasicPublishAsync(target.Settings.RequestExchange, routingKey, false, properties, body, timeout.Token);
            return Outcome.Quiet;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome([], Hung: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _lock.Dispose();
    }

    private static byte[] Build(Random random)
    {
        var name = Mutator.Pick(random, ["/system_media/x", "/fuzz-control/tone", "fuzz/u/" + random.Next(32), "/0123456789abcdef0123456789abcdef/m", "", "../../etc/passwd", "/a//b", new string('a', 5000)]);
        var json = "{\"Event-Category\":\"media\",\"Event-Name\":\"media_req\",\"App-Name\":\"fuzz\",\"App-Version\":\"1.0.0\","
                   + $"\"Msg-ID\":\"fuzz-{random.Next()}\",\"Server-ID\":\"fuzz-requester-{random.Next(4)}\",\"Media-Name\":\"{name}\""
                   + (random.Next(2) == 0 ? $",\"Stream-Type\":\"{Mutator.Pick(random, ["new", "extant", "x", ""])}\"" : string.Empty)
                   + (random.Next(3) == 0 ? $",\"Protocol\":\"{Mutator.Pick(random, ["http", "shout", "https", "vlc", ""])}\"" : string.Empty)
                   + (random.Next(4) == 0 ? $",\"Max-Seconds\":{Mutator.Pick(random, ["1", "-1", "1e10", "\"x\"", "null"])}" : string.Empty)
                   + "}";
        return random.Next(4) == 0 ? Encoding.UTF8.GetBytes(json) : Mutator.Mutate(random, Encoding.UTF8.GetBytes(json), 5);
    }

    // One channel for the family; reopened should the broker close it (a publish to a missing exchange does).
    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        if (_connection is not { IsOpen: true })
        {
            var factory = new ConnectionFactory { Uri = new Uri(target.Settings.BusUri!), AutomaticRecoveryEnabled = false };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
        }

        _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return _channel;
    }
}
