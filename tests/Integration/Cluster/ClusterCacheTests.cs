using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Each item cached once per cluster: an item played through every silo at once is loaded from
/// the store once and held once by its grain (the listeners' silos may hold it again, keyed by
/// version), and every silo's memory tiers stay within their byte budgets while more items than
/// fit are played.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterCacheTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Items = 8;

    [SkippableFact]
    public async Task AnItemPlayedThroughEverySilo_IsLoadedOnceAndHeldOnce_AndEverySiloKeepsItsBudgets()
    {
        Requirements.Tools("sox");
        var data = Directory.CreateTempSubdirectory("mediaorleans-cache-").FullName;
        var wavs = new List<byte[]>();
        // The items go into the store before the cluster starts, so every grain starts cold.
        await using (var loader = await SiloProcess.StartAsync(dataPath: data))
        {
            using var api = new MediaApi(loader.HttpBase);
            for (var i = 0; i < Items; i++)
            {
                var path = Path.Combine(data, $"item{i}.wav");
                var made = await ProcessRunner.RunAsync("sox",
                    ["-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "30", "sine", (300 + (50 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture)],
                    TimeSpan.FromSeconds(30));
                Assert.Equal(0, made.ExitCode);
                wavs.Add(await File.ReadAllBytesAsync(path));
                Assert.Equal(200, (await api.UploadAsync($"prompts/cached-{i}", wavs[i], "audio/wav")).Status);
            }
        }

        var itemBytes = wavs[0].Length;
        var grainBudget = 2L * itemBytes + (itemBytes / 2);
        var listenerBudget = 3L * itemBytes + (itemBytes / 2);
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3, new Dictionary<string, string>
        {
            ["Media__Content__CacheBytes"] = grainBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__Http__CacheBytes"] = listenerBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, data);
        await cluster.WaitForActiveMembersAsync(3, TimeSpan.FromSeconds(30));
        var apis = cluster.Silos.Select(silo => new MediaApi(silo.HttpBase)).ToArray();
        using var http = new HttpClient();

        // One item, ten listeners on every silo at once, each with a URL from its own silo.
        var plays = new List<Task<byte[]>>();
        foreach (var api in apis)
        {
            var url = new Uri(await api.StreamUrlAsync("prompts/cached-0"));
            plays.AddRange(Enumerable.Range(0, 10).Select(_ => http.GetByteArrayAsync(url)));
        }

        Assert.All(await Task.WhenAll(plays), body => Assert.Equal(wavs[0], body));
        var afterOne = await Task.WhenAll(apis.Select(StatusAsync));
        output.WriteLine("after 30 plays of one item: " + string.Join(" | ", afterOne.Select(Describe)));
        Assert.Equal(1, afterOne.Sum(s => s.GetProperty("storeReads").GetInt64()));
        Assert.Equal(itemBytes, afterOne.Sum(s => Held(s, "grains")));

        // Every item through every silo: more than any silo's budgets hold.
        for (var i = 0; i < Items; i++)
        {
            foreach (var api in apis)
            {
                Assert.Equal(wavs[i], await http.GetByteArrayAsync(new Uri(await api.StreamUrlAsync($"prompts/cached-{i}"))));
            }
        }

        var afterAll = await Task.WhenAll(apis.Select(StatusAsync));
        output.WriteLine($"after every item through every silo (item {itemBytes} B, grain budget {grainBudget} B, listener budget {listenerBudget} B): " +
                         string.Join(" | ", afterAll.Select(Describe)));
        Assert.All(afterAll, status =>
        {
            Assert.InRange(Held(status, "grains"), 0, grainBudget);
            Assert.InRange(Held(status, "listeners"), 0, listenerBudget);
        });
        Assert.True(afterAll.Sum(s => s.GetProperty("storeReads").GetInt64()) >= Items, "every item was loaded from the store");
        foreach (var api in apis)
        {
            api.Dispose();
        }
    }

    private static async Task<JsonElement> StatusAsync(MediaApi api)
    {
        var (status, body) = await api.GetAsync("api/silo");
        Assert.Equal(200, status);
        return body;
    }

    private static long Held(JsonElement status, string tier) => status.GetProperty(tier).GetProperty("bytes").GetInt64();

    private static string Describe(JsonElement status) =>
        $"store reads {status.GetProperty("storeReads")}, grains {Held(status, "grains")} B, listeners {Held(status, "listeners")} B";
}
