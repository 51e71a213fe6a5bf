using System.Diagnostics;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Bus requests through a failover: three silos on PostgreSQL share the media_req queue; one is
/// killed with SIGKILL and every request published after that, including those for items whose
/// grains lived on the dead silo, is answered by the survivors with a Stream-URL.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterBusFailoverTests(PostgresFixture postgres, RabbitMqServer broker, ITestOutputHelper output)
    : IClassFixture<RabbitMqServer>
{
    private const int Items = 24;

    [SkippableFact]
    public async Task KillingOneOfThreeSilos_EveryBusRequestIsStillAnsweredWithAUrl()
    {
        broker.Require();
        var settings = BusSilos.Isolated(broker, "failover");
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3, settings);
        await cluster.WaitForActiveMembersAsync(3, TimeSpan.FromSeconds(30));
        foreach (var silo in cluster.Silos)
        {
            await BusSilos.WaitForBusAsync(silo, "connected", TimeSpan.FromSeconds(60));
        }

        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var apis = cluster.Silos.Select(silo => new MediaApi(silo.HttpBase)).ToArray();
        for (var i = 0; i < Items; i++)
        {
            Assert.Equal(200, (await apis[i % 3].UploadAsync($"system_media/bus-failover-{i}", wav, "audio/wav")).Status);
        }

        await using var requester = await BusClient.ConnectAsync(broker.Uri, settings["Media__Bus__RequestExchange"],
            settings["Media__Bus__ReplyExchange"]);
        cluster.Silos[2].Kill();
        var killed = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Items).Select(async i =>
        {
            var reply = await requester.MediaRequestAsync($"bus-failover-{i}");
            return (Reply: reply, After: killed.Elapsed);
        }));

        var slowest = answers.Max(a => a.After);
        output.WriteLine($"{Items} media_req published right after SIGKILL of 1 of 3 silos: " +
                         $"{answers.Count(a => a.Reply["Event-Name"] == "media_resp")} media_resp, slowest answered {slowest.TotalMilliseconds:F0} ms after the kill");
        Assert.All(answers, a => Assert.True(a.Reply["Event-Name"] == "media_resp",
            $"{a.Reply["Media-Name"]}: {a.Reply["Event-Name"]} {a.Reply["Error-Msg"]}"));
        using var http = new HttpClient();
        Assert.Equal(wav, await http.GetByteArrayAsync(new Uri(answers[^1].Reply["Stream-URL"]!)));
        foreach (var api in apis)
        {
            api.Dispose();
        }
    }
}
