using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>
/// Publishes media_req at a fixed offered rate (open loop: request i is due at start + i/rate,
/// and its latency counts from then, so a lagging publisher or server cannot hide delay), or as
/// fast as replies come back with a fixed number in flight (<c>--rate max</c>). Replies arrive on
/// an exclusive queue bound to the reply exchange with this generator's Server-ID, as a Kazoo
/// application receives them. Requests of the warm-up are answered but not counted.
/// </summary>
internal static class LoadGenerator
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var requestExchange = arguments.Text("exchange", "kapps");
        var replyExchange = arguments.Text("reply-exchange", "targeted");
        var routingKey = arguments.Text("routing-key");
        var rateText = arguments.Text("rate", "1000");
        var max = rateText == "max";
        var rate = max ? 0 : int.Parse(rateText, CultureInfo.InvariantCulture);
        var window = arguments.Number("window", 64);
        var seconds = arguments.Number("seconds", 10);
        var warmup = arguments.Number("warmup", 2);
        var serverId = "bench-load-" + Guid.NewGuid().ToString("N")[..8];

        await using var connection = await Broker.ConnectAsync(arguments.Text("uri"), "bench load " + serverId);
        await using var publisher = await connection.CreateChannelAsync();
        await using var listener = await connection.CreateChannelAsync();
        await Broker.DeclareExchangesAsync(listener, requestExchange, replyExchange);
        await listener.QueueDeclareAsync(serverId, durable: false, exclusive: true, autoDelete: true);
        await listener.QueueBindAsync(serverId, replyExchange, serverId);

        using var run = new LoadRun(warmup, seconds, max ? 0 : rate, window);
        var consumer = new AsyncEventingBasicConsumer(listener);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var (_, msgId, eventName) = JsonFields.Read(delivery.Body.Span);
            run.Answered(msgId, eventName);
            return Task.CompletedTask;
        };
        await listener.BasicConsumeAsync(serverId, autoAck: true, consumer);

        var template = Request(serverId, arguments.Text("media-name"));
        var properties = new BasicProperties { ContentType = "application/json" };
        await run.PublishAllAsync(async index =>
        {
            var body = Encoding.UTF8.GetBytes(template.Replace("@ID@", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            await publisher.BasicPublishAsync(requestExchange, routingKey, mandatory: false, properties, body);
        });
        await run.DrainAsync(Drain);
        Console.WriteLine(run.Summary(max ? "max" : rate.ToString(CultureInfo.InvariantCulture)));
        return 0;
    }

    private static string Request(string serverId, string mediaName) =>
        $$"""{"Event-Category":"media","Event-Name":"media_req","App-Name":"bench-load","App-Version":"1.0.0","Msg-ID":"@ID@","Server-ID":"{{serverId}}","Media-Name":"{{mediaName}}","Stream-Type":"new","Call-ID":"bench-call"}""";
}
