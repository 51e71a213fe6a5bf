using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Silo.Configuration;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Keeps this silo connected to the broker and consuming requests. Runs in the background, so
/// the silo starts (and serves HTTP and SHOUT) whether or not the broker is up. One loop does the
/// first connect and every reconnect: connect, declare the topology, consume, wait until the
/// connection or a channel is lost, back off (doubling, with jitter) and start again. The
/// client's own automatic recovery is off: this loop declares everything again itself, which
/// also brings back Kazoo's non-durable exchanges after a broker restart, and requests that were
/// delivered but not acknowledged are redelivered by the broker.
/// </summary>
internal sealed class BusConnectionService(
    IOptions<BusOptions> options,
    BusIdentity identity,
    BusResponder responder,
    BusStatus status,
    TimeProvider time,
    ILogger<BusConnectionService> logger) : BackgroundService
{
    // Requests still being answered get this long to finish when the silo stops.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private readonly BusOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            status.Set(BusState.Disabled);
            return;
        }

        var broker = UriCredentials.Redact(_options.Uri!);
        var factory = CreateFactory();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            status.Set(BusState.Connecting);
            BusLog.Connecting(logger, broker, _options.Mode);
            string reason;
            try
            {
                reason = await RunConnectionAsync(factory, broker, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                reason = Reason(ex);
                failures++;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            status.Set(BusState.Connecting);
            var delay = Backoff(failures);
            if (failures == 0)
            {
                MediaMetrics.BusReconnects.Add(1);
                BusLog.ConnectionLost(logger, reason, (int)delay.TotalMilliseconds);
            }
            else
            {
                BusLog.ConnectFailed(logger, broker, reason, (int)delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        status.Set(BusState.Connecting);
        BusLog.Stopped(logger);
    }

    // One connection's life: returns why it ended, or throws if it could not be set up.
    private async Task<string> RunConnectionAsync(ConnectionFactory factory, string broker, CancellationToken stoppingToken)
    {
        await using var connection = await factory.CreateConnectionAsync($"mediaorleans {identity.ServerId}", stoppingToken);
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, e) => Lost(lost, $"connection closed: {e.ReplyText}");

        await using var replyChannel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false), stoppingToken);
        replyChannel.ChannelShutdownAsync += (_, e) => Lost(lost, $"reply channel closed: {e.ReplyText}");
        using var confirms = new PublisherConfirms(replyChannel);

        var queues = await new BusTopology(_options, identity, logger).DeclareAsync(connection, stoppingToken);

        await using var consumerChannel = await connection.CreateChannelAsync(
            new CreateChannelOptions(false, false, consumerDispatchConcurrency: (ushort)_options.MaxConcurrency), stoppingToken);
        consumerChannel.ChannelShutdownAsync += (_, e) => Lost(lost, $"consumer channel closed: {e.ReplyText}");
        await consumerChannel.BasicQosAsync(0, (ushort)_options.Prefetch, global: false, stoppingToken);

        var handler = new BusDeliveryHandler(responder, new BusReplyPublisher(confirms, _options.ReplyExchange), logger);
        var consumer = new BusConsumer(consumerChannel, handler, tag =>
        {
            BusLog.ConsumerCancelled(logger, tag);
            lost.TrySetResult($"consumer {tag} cancelled by the broker");
        });
        var tags = new List<string>();
        foreach (var queue in queues)
        {
            tags.Add(await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken));
        }

        // A close that came before the handlers were attached would otherwise go unnoticed.
        if (!connection.IsOpen || !replyChannel.IsOpen || !consumerChannel.IsOpen)
        {
            lost.TrySetResult("closed while starting");
        }

        status.Set(BusState.Connected);
        BusLog.Connected(logger, broker, string.Join(", ", queues), identity.ServerId);
        using (stoppingToken.Register(() => lost.TrySetCanceled(stoppingToken)))
        {
            try
            {
                return await lost.Task;
            }
            catch (OperationCanceledException)
            {
                await DrainAsync(consumerChannel, tags, handler);
                await connection.CloseAsync(CancellationToken.None);
                throw;
            }
        }
    }

    // Stops new deliveries and lets the requests in hand finish, so a stopping silo answers what
    // it took; whatever is still unfinished is redelivered by the broker once the connection closes.
    private async Task DrainAsync(IChannel consumerChannel, List<string> tags, BusDeliveryHandler handler)
    {
        try
        {
            foreach (var tag in tags)
            {
                await consumerChannel.BasicCancelAsync(tag, noWait: false, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return;
        }

        var started = time.GetTimestamp();
        while (handler.InFlight > 0 && time.GetElapsedTime(started) < DrainTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, CancellationToken.None);
        }

        if (handler.InFlight > 0)
        {
            BusLog.StoppedWithInFlight(logger, handler.InFlight);
        }
    }

    // The client wraps the cause ("None of the specified endpoints were reachable" around "Connection
    // refused"); the outer message and the innermost one say it all.
    private static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost == exception ? exception.Message : $"{exception.Message}: {innermost.Message}";
    }

    private static Task Lost(TaskCompletionSource<string> lost, string reason)
    {
        lost.TrySetResult(reason);
        return Task.CompletedTask;
    }

    private ConnectionFactory CreateFactory() => new()
    {
        Uri = new Uri(_options.Uri!),
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        // Replies are small single frames: without TCP_NODELAY each one waits for Nagle's timer
        // (~26 ms measured for a bare responder). The client's default socket sets it; this keeps it explicit.
        SocketFactory = family =>
        {
            var client = ConnectionFactoryBase.DefaultSocketFactory(family);
            client.Client.NoDelay = true;
            return client;
        },
    };

    // 0 failures (a connection that worked and was lost): the shortest wait. Then doubling, with
    // ±20 % jitter so that silos restarted together do not reconnect in lockstep.
    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 16);
        var milliseconds = Math.Min(_options.ReconnectMaxMilliseconds, _options.ReconnectMinMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
