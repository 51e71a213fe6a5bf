using MediaOrleans.IntegrationTests.Infrastructure;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>
/// The bus outlives its broker: a silo started while the broker is down connects once it is up,
/// and a broker restart (same node, same port) in the middle of a stream of requests leaves no
/// accepted request unanswered.
/// </summary>
[Collection(SharedRabbitMq.Name)]
public sealed class BusRecoveryTests(RabbitMqServer broker, ITestOutputHelper output)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task SiloStartedWhileBrokerIsDown_StartsServingAndConnectsOnceTheBrokerIsUp()
    {
        broker.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = BusSilos.Isolated(broker, suffix);
        await broker.StopAsync();
        SiloProcess? silo = null;
        try
        {
            silo = await SiloProcess.StartAsync(settings);
            var health = await BusSilos.HealthAsync(silo);
            Assert.Equal(("ok", "connecting"), (health.GetProperty("status").GetString(), health.GetProperty("bus").GetString()));
            await Task.Delay(1500);
            Assert.Equal("connecting", (await BusSilos.HealthAsync(silo)).GetProperty("bus").GetString());
            Assert.True(BusSilos.LogCount(silo, "Bus connection to amqp://guest:****@127.0.0.1", "retrying in") >= 1, silo.Output);
        }
        finally
        {
            await broker.StartAsync();
        }

        await using (silo)
        {
            await BusSilos.WaitForBusAsync(silo, "connected", TimeSpan.FromSeconds(30));
            await using var client = await BusClient.ConnectAsync(broker.Uri, settings["Media__Bus__RequestExchange"], settings["Media__Bus__ReplyExchange"]);
            var reply = await client.MediaRequestAsync("/system_media/nothing-here");

            Assert.Equal(("media_error", "not_found"), (reply["Event-Name"], reply["Error-Code"]));
            Assert.DoesNotContain("guest:guest", silo.Output, StringComparison.Ordinal);
            await client.DeleteQueueAsync(settings["Media__Bus__Queue"]);
            await client.DeleteQueueAsync(settings["Media__Bus__RecordQueue"]);
        }
    }

    [SkippableFact]
    public async Task BrokerRestart_InTheMiddleOfAStream_EveryAcceptedRequestIsAnswered()
    {
        broker.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = BusSilos.Isolated(broker, suffix);
        // A requester that survives the restart: its reply exchange and queue are durable (made
        // before the silo starts, which then uses that exchange as it is), requests are persistent,
        // and a request counts as accepted only once the broker confirmed it routed to a queue.
        var client = await BusClient.ConnectAsync(broker.Uri, settings["Media__Bus__RequestExchange"], settings["Media__Bus__ReplyExchange"],
            durableReplies: true);
        await using var silo = await BusSilos.StartConnectedAsync(settings);
        using (var api = new MediaApi(silo.HttpBase))
        {
            await api.UploadAsync("system_media/restart-tone", await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync()), "audio/wav");
        }

        var accepted = new List<string>();
        var refused = 0;
        var restart = Task.CompletedTask;
        var acceptedAfterRestart = -1;
        // Publishing before the restart and after it each have a deadline (the restart itself is
        // bounded by the broker's own start and stop timeouts): a silo that never re-binds its
        // queue makes every publish unroutable, and that must fail the test, not retry for ever.
        var phase = "before the restart";
        var phaseDeadline = DateTime.UtcNow + PublishTimeout;
        try
        {
            // 50 requests, then the broker stops and starts while publishing goes on (as fast as the
            // broker confirms until it goes down, so requests are queued and in the silo's hands when
            // it does; at most 400), then 50 more.
            while (acceptedAfterRestart < 0 || accepted.Count < acceptedAfterRestart + 50)
            {
                if (accepted.Count == 50 && restart == Task.CompletedTask)
                {
                    restart = RestartAsync();
                    phase = "while the broker restarts";
                }

                if (restart != Task.CompletedTask && restart.IsCompleted && acceptedAfterRestart < 0)
                {
                    await restart;
                    acceptedAfterRestart = accepted.Count;
                    phase = "after the broker was back";
                    phaseDeadline = DateTime.UtcNow + PublishTimeout;
                }

                Assert.True(restart is { IsCompleted: false } || DateTime.UtcNow < phaseDeadline,
                    $"publishing {phase} did not finish within {PublishTimeout}: {accepted.Count} accepted " +
                    $"({acceptedAfterRestart} before the broker was back), {refused} refused or unroutable " +
                    $"(the silo never bound its queue again?)\n{Tail(silo.Output)}");

                if (!client.Connected)
                {
                    refused++;
                    await Task.Delay(200);
                    await ReconnectQuietlyAsync(client);
                    continue;
                }

                var msgId = $"restart-{suffix}-{accepted.Count}";
                try
                {
                    await client.PublishAsync(client.Request("media_req", msgId, ("Media-Name", "/system_media/restart-tone")),
                        persistent: true, mandatory: true);
                    accepted.Add(msgId);
                    var bursting = restart != Task.CompletedTask && refused == 0 && accepted.Count < 450;
                    await Task.Delay(bursting ? 0 : 20);
                }
                catch (Exception ex) when (ex is PublishException or AlreadyClosedException or OperationInterruptedException
                                               or BrokerUnreachableException or IOException or ObjectDisposedException
                                               or TimeoutException or OperationCanceledException or InvalidOperationException)
                {
                    // Broker down, or up again before the silo re-bound its queue: not accepted; try again.
                    refused++;
                    await Task.Delay(200);
                    await ReconnectQuietlyAsync(client);
                }
            }

            await restart;
            foreach (var msgId in accepted)
            {
                var reply = await client.WaitForReplyAsync(msgId, TimeSpan.FromSeconds(60));
                Assert.Equal("media_resp", reply["Event-Name"]);
            }

            var duplicates = accepted.Sum(msgId => client.RepliesTo(msgId).Count - 1);
            output.WriteLine($"accepted {accepted.Count} ({acceptedAfterRestart} before the broker was back), refused or unroutable {refused}, " +
                             $"answered twice {duplicates}, redelivered by the broker: {BusSilos.LogCount(silo, "left to the broker to redeliver")} noted");
            Assert.True(refused > 0, "the restart happened while requests were being published");
            Assert.True(acceptedAfterRestart >= 50, $"{acceptedAfterRestart} requests accepted before the broker was back");
            Assert.True(BusSilos.LogCount(silo, "Bus connection lost") >= 1, silo.Output);
            Assert.True(BusSilos.LogCount(silo, "Bus connected to") >= 2, silo.Output);
            Assert.Equal("connected", (await BusSilos.HealthAsync(silo)).GetProperty("bus").GetString());
            Assert.Equal((0, 0), await broker.QueueCountsAsync(settings["Media__Bus__Queue"]));
        }
        finally
        {
            await restart;
            await ReconnectQuietlyAsync(client);
            await client.DeleteQueueAsync(settings["Media__Bus__Queue"]);
            await client.DeleteQueueAsync(settings["Media__Bus__RecordQueue"]);
            await client.DisposeAsync();
        }

        async Task RestartAsync()
        {
            await broker.StopAsync();
            await broker.StartAsync();
        }
    }

    // The silo's last lines: its whole Debug log would bury the failure message.
    private static string Tail(string output) => output.Length <= 4000 ? output : "…" + output[^4000..];

    private static async Task ReconnectQuietlyAsync(BusClient client)
    {
        try
        {
            await client.ReconnectAsync();
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException
                                       or TimeoutException or OperationCanceledException)
        {
            // Still down; the next publish tries again.
        }
    }
}
