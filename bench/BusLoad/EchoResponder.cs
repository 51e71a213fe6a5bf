using System.Runtime.InteropServices;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>
/// The bare baseline: a consumer that answers every media_req at once with a fixed media_resp,
/// copying Server-ID and Msg-ID, on the same broker with the same client library. Without
/// <c>--confirms</c> it publishes and acknowledges right away (the minimum); with it, it waits for
/// the broker's confirm before acknowledging, tracked as the silo tracks it. Runs until SIGTERM.
/// </summary>
internal static class EchoResponder
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var requestExchange = arguments.Text("exchange", "kapps");
        var replyExchange = arguments.Text("reply-exchange", "targeted");
        // --client-tracking: the client library's own confirmation tracking (a header on every reply)
        // instead of matching confirms by sequence number; kept to compare the two.
        var clientTracking = arguments.Flag("client-tracking");
        var confirms = arguments.Flag("confirms") || clientTracking;
        var concurrency = (ushort)arguments.Number("concurrency", confirms ? 16 : 1);
        await using var connection = await Broker.ConnectAsync(arguments.Text("uri"), "bench echo responder");
        await using var replies = await connection.CreateChannelAsync(new CreateChannelOptions(confirms, clientTracking));
        using var confirmed = confirms && !clientTracking ? new ConfirmedPublisher(replies) : null;
        await using var requests = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: concurrency));
        await Broker.DeclareExchangesAsync(requests, requestExchange, replyExchange);
        var queue = (await requests.QueueDeclareAsync("bench.echo." + Guid.NewGuid().ToString("N")[..8], durable: false, exclusive: true, autoDelete: true)).QueueName;
        await requests.QueueBindAsync(queue, requestExchange, arguments.Text("routing-key", "echo_req"));
        await requests.BasicQosAsync(0, (ushort)arguments.Number("prefetch", 64), global: false);

        var consumer = new AsyncEventingBasicConsumer(requests);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var (serverId, msgId, _) = JsonFields.Read(delivery.Body.Span);
            if (serverId is not null)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
                {
                    ["Event-Category"] = "media",
                    ["Event-Name"] = "media_resp",
                    ["App-Name"] = "bench-echo",
                    ["App-Version"] = "1.0.0",
                    ["Server-ID"] = "bench-echo",
                    ["Msg-ID"] = msgId,
                    ["Media-Name"] = "echo",
                    ["Stream-URL"] = "http://127.0.0.1:1/m/0/0/0/echo.wav",
                });
                var properties = new BasicProperties { ContentType = "application/json" };
                if (confirmed is null)
                {
                    // With client tracking this waits for the confirm (and throws on a nack).
                    await replies.BasicPublishAsync(replyExchange, serverId, mandatory: false, properties, body);
                }
                else if (!await confirmed.PublishAsync(replyExchange, serverId, properties, body))
                {
                    throw new InvalidOperationException("the broker refused a reply");
                }
            }

            await requests.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await requests.BasicConsumeAsync(queue, autoAck: false, consumer);
        Console.WriteLine("ready");
        Console.Out.Flush();

        // Runs until bench/bus.sh stops it (SIGTERM) or Ctrl-C.
        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }
}
