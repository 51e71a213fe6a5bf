using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>
/// Two silos on one broker: in Shared mode they compete for one durable queue and each request
/// is answered exactly once; in PerSilo mode (Kazoo's arrangement) each has its own queue and
/// every request is answered by both. The silos share one data directory, as silos share a store.
/// </summary>
[Collection(SharedRabbitMq.Name)]
public sealed class BusSharingTests(RabbitMqServer broker)
{
    private const int Requests = 200;

    [SkippableFact]
    public async Task SharedMode_TwoSilos_AnswerEachRequestExactlyOnce()
    {
        broker.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = BusSilos.Isolated(broker, suffix);
        var data = Directory.CreateTempSubdirectory("mediaorleans-shared-").FullName;
        await using var first = await BusSilos.StartConnectedAsync(settings, data);
        await using var second = await BusSilos.StartConnectedAsync(settings, data);
        await UploadAsync(first, "system_media/shared-tone");
        await using var client = await BusClient.ConnectAsync(broker.Uri, settings["Media__Bus__RequestExchange"], settings["Media__Bus__ReplyExchange"]);

        var msgIds = Enumerable.Range(0, Requests).Select(i => $"shared-{suffix}-{i}").ToArray();
        await Task.WhenAll(msgIds.Select(id => client.PublishAsync(client.Request("media_req", id, ("Media-Name", "/system_media/shared-tone")))));
        foreach (var id in msgIds)
        {
            await client.WaitForReplyAsync(id);
        }

        // Anything answered twice would have arrived by now.
        await Task.Delay(1000);
        var replies = msgIds.Select(id => client.RepliesTo(id)).ToArray();
        Assert.All(replies, r => Assert.Single(r));
        Assert.All(replies, r => Assert.Equal("media_resp", r[0]["Event-Name"]));
        var answeredBy = replies.GroupBy(r => r[0]["Server-ID"]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(2, answeredBy.Count);
        Assert.Equal((0, 0), await broker.QueueCountsAsync(settings["Media__Bus__Queue"]));
        await client.DeleteQueueAsync(settings["Media__Bus__Queue"]);
        await client.DeleteQueueAsync(settings["Media__Bus__RecordQueue"]);
    }

    [SkippableFact]
    public async Task PerSiloMode_TwoSilos_BothAnswerEveryRequest()
    {
        broker.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = BusSilos.Isolated(broker, suffix);
        settings["Media__Bus__Mode"] = "PerSilo";
        var data = Directory.CreateTempSubdirectory("mediaorleans-persilo-").FullName;
        await using var first = await BusSilos.StartConnectedAsync(settings, data);
        await using var second = await BusSilos.StartConnectedAsync(settings, data);
        await UploadAsync(first, "system_media/persilo-tone");
        await using var client = await BusClient.ConnectAsync(broker.Uri, settings["Media__Bus__RequestExchange"], settings["Media__Bus__ReplyExchange"]);

        var msgIds = Enumerable.Range(0, 20).Select(i => $"persilo-{suffix}-{i}").ToArray();
        foreach (var id in msgIds)
        {
            await client.PublishAsync(client.Request("media_req", id, ("Media-Name", "/system_media/persilo-tone")));
        }

        foreach (var id in msgIds)
        {
            var replies = await client.WaitForRepliesAsync(id, 2);
            Assert.All(replies, reply => Assert.Equal("media_resp", reply["Event-Name"]));
            // Both silos sign with the same secret (shared data directory): the same signed path, each
            // on the answering silo's own listener.
            Assert.Equal(new Uri(replies[0]["Stream-URL"]!).AbsolutePath, new Uri(replies[1]["Stream-URL"]!).AbsolutePath);
            Assert.NotEqual(new Uri(replies[0]["Stream-URL"]!).Port, new Uri(replies[1]["Stream-URL"]!).Port);
            Assert.NotEqual(replies[0]["Server-ID"], replies[1]["Server-ID"]);
        }

        await Task.Delay(1000);
        Assert.All(msgIds, id => Assert.Equal(2, client.RepliesTo(id).Count));
        // Each silo's own queue is named after its Server-ID, exclusive and gone with its connection.
        var servers = client.AllReplies.Select(reply => reply["Server-ID"]!).Distinct().ToArray();
        Assert.Equal(2, servers.Length);
        Assert.All(servers, server => Assert.True(BusSilos.LogCount(first, server) + BusSilos.LogCount(second, server) >= 1));
        Assert.Null(await broker.QueueCountsAsync(settings["Media__Bus__Queue"]));
        await client.DeleteQueueAsync(settings["Media__Bus__RecordQueue"]);
    }

    private static async Task UploadAsync(SiloProcess silo, string name)
    {
        using var api = new MediaApi(silo.HttpBase);
        var (status, body) = await api.UploadAsync(name, await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync()), "audio/wav");
        Assert.True(status == 200, $"upload answered {status}: {body}");
    }
}
