using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Two silos on one machine from one configuration: the second differs only by
/// <c>Media:PortOffset</c>, which moves all four of its ports, and joins the first one's
/// embedded cluster.
/// </summary>
public sealed class PortOffsetTests
{
    [Fact]
    public async Task ASiloWithAPortOffset_ListensOnEveryPortMoved_AndJoinsTheSiloOnTheBasePorts()
    {
        var data = Directory.CreateTempSubdirectory("mediaorleans-offset-").FullName;
        await using var first = await SiloProcess.StartAsync(dataPath: data);
        await using var second = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Media__PortOffset"] = "7" }, data, first.Ports);
        Assert.Equal(first.HttpPort + 7, second.HttpPort);
        Assert.Equal(first.ShoutPort + 7, second.ShoutPort);

        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        using var firstApi = new MediaApi(first.HttpBase);
        using var secondApi = new MediaApi(second.HttpBase);
        Assert.Equal(200, (await firstApi.UploadAsync("prompts/offset", wav, "audio/wav")).Status);

        // The second silo knows the item through the shared cluster and signs URLs with its own ports.
        var (status, info) = await secondApi.GetMediaAsync("prompts/offset");
        Assert.Equal(200, status);
        var url = new Uri(await secondApi.StreamUrlAsync("prompts/offset"));
        Assert.Equal(second.HttpPort, url.Port);
        using var http = new HttpClient();
        Assert.Equal(wav, await http.GetByteArrayAsync(url));
        Assert.Equal(info.GetProperty("version").GetString(), url.Segments[2].TrimEnd('/'));
        var (allocated, recording) = await secondApi.AllocateRecordingAsync();
        Assert.Equal(201, allocated);
        Assert.Equal(second.ShoutPort, ShoutUrl.Parse(recording.GetProperty("url").GetString()!).Port);
        Directory.Delete(data, recursive: true);
    }
}
