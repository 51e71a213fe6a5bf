using System.Net.Sockets;
using MediaOrleans.Client;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Two silos on one machine from one configuration, each with its own data folder: the second
/// differs only by <c>Media:PortOffset</c>, which moves all four of its ports, and joins the
/// first one's embedded cluster. Every moved port is used: an Orleans client comes in through
/// the moved gateway and finds both silos active (the moved silo port is the one the cluster
/// knows the second by), a URL signed by the first plays on the moved HTTP port, and a recording
/// allocated by the first is sent by mod_shout's libshout calls to the moved SHOUT port.
/// </summary>
public sealed class PortOffsetTests
{
    private const int Offset = 7;
    // One configuration for both: silos with their own data folders share the URL secret this way.
    private static readonly Dictionary<string, string> Configuration = new()
    {
        ["Media__Urls__Secret"] = "port-offset-test-secret-0123456789abcdef",
    };

    [SkippableFact]
    public async Task ASiloWithAPortOffset_ListensOnEveryPortMoved_AndJoinsTheSiloOnTheBasePorts()
    {
        Requirements.Tools(SourceClients.ModShoutClient);
        var firstData = Directory.CreateTempSubdirectory("mediaorleans-offset-a-").FullName;
        var secondData = Directory.CreateTempSubdirectory("mediaorleans-offset-b-").FullName;
        try
        {
            await PlayAndRecordThroughMovedPortsAsync(firstData, secondData);
        }
        finally
        {
            Directory.Delete(firstData, recursive: true);
            Directory.Delete(secondData, recursive: true);
        }
    }

    private static async Task PlayAndRecordThroughMovedPortsAsync(string firstData, string secondData)
    {
        await using var first = await SiloProcess.StartAsync(Configuration, firstData);
        await using var second = await SiloProcess.StartAsync(
            new Dictionary<string, string>(Configuration) { ["Media__PortOffset"] = $"{Offset}" }, secondData, first.Ports);
        var (basePorts, moved) = (first.Ports, second.Ports);
        Assert.Equal(basePorts with
        {
            Http = basePorts.Http + Offset, Shout = basePorts.Shout + Offset, Silo = basePorts.Silo + Offset, Gateway = basePorts.Gateway + Offset,
        }, moved);

        // Silo and gateway ports: an Orleans client through the moved gateway sees one cluster of two.
        using (var silo = new TcpClient())
        {
            await silo.ConnectAsync("127.0.0.1", moved.Silo);
        }

        var options = new MediaClientOptions { ConnectTimeout = TimeSpan.FromSeconds(60) };
        options.Gateways.Add($"127.0.0.1:{moved.Gateway}");
        await using (var client = await MediaClient.ConnectAsync(options))
        {
            var silos = await WaitForTwoActiveAsync(client);
            Assert.Contains(silos, s => s.Address.Contains($":{basePorts.Silo}:", StringComparison.Ordinal));
            var offsetSilo = Assert.Single(silos, s => s.Address.Contains($":{moved.Silo}:", StringComparison.Ordinal));
            Assert.True(offsetSilo.Clients >= 1, $"the client is not connected through the moved gateway: {offsetSilo}");
        }

        // HTTP port: a URL the first silo signed plays byte-exact on the second's moved port, and
        // the second signs URLs with its own moved port.
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        using var firstApi = new MediaApi(first.HttpBase);
        using var secondApi = new MediaApi(second.HttpBase);
        Assert.Equal(200, (await firstApi.UploadAsync("prompts/offset", wav, "audio/wav")).Status);
        var signedByFirst = new Uri(await firstApi.StreamUrlAsync("prompts/offset"));
        var signedBySecond = new Uri(await secondApi.StreamUrlAsync("prompts/offset"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(wav, await http.GetByteArrayAsync(new UriBuilder(signedByFirst) { Port = moved.Http }.Uri));
        Assert.Equal(moved.Http, signedBySecond.Port);
        Assert.Equal(wav, await http.GetByteArrayAsync(signedBySecond));

        // SHOUT port: a recording allocated by the first silo arrives whole through the second's
        // moved port, and the second hands out recording URLs on that port.
        var (allocated, recording) = await firstApi.AllocateRecordingAsync(new { maxSeconds = 60 });
        Assert.Equal(201, allocated);
        var name = recording.GetProperty("name").GetString()!;
        var source = ShoutUrl.Parse(recording.GetProperty("url").GetString()!) with { Port = moved.Shout };
        var mp3 = await AudioFiles.Call8kMp3Async();
        var sent = await SourceClients.ModShoutAsync(source, mp3);
        Assert.True(sent.ExitCode == 0, $"{sent.Stderr}\n{second.Output}");
        var received = await WaitUntilCompleteAsync(firstApi, name);
        Assert.Equal(new FileInfo(mp3).Length, received.GetProperty("bytes").GetInt64());
        var (secondAllocated, secondRecording) = await secondApi.AllocateRecordingAsync();
        Assert.Equal(201, secondAllocated);
        Assert.Equal(moved.Shout, ShoutUrl.Parse(secondRecording.GetProperty("url").GetString()!).Port);
    }

    private static async Task<System.Text.Json.JsonElement> WaitUntilCompleteAsync(MediaApi api, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (_, recording) = await api.GetRecordingAsync(name);
            if (recording.GetProperty("state").GetString() == "complete")
            {
                return recording;
            }

            Assert.True(DateTime.UtcNow < deadline, $"recording {name} is {recording}, not complete, 30 s after its source ended");
            await Task.Delay(100);
        }
    }

    // Membership reaches a joining silo's gateway a moment after the silo answers its health check.
    private static async Task<IReadOnlyList<MediaOrleans.Client.Cluster.SiloLoad>> WaitForTwoActiveAsync(MediaClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var silos = await client.Cluster.GetSilosAsync();
            if (silos.Count == 2 && silos.All(s => s.Status == "active"))
            {
                return silos;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the cluster seen through the moved gateway: {string.Join("; ", silos)}");
            await Task.Delay(200);
        }
    }
}
