using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Three silos started together on an empty PostgreSQL database install the membership schema
/// themselves, form one cluster, and each serves what was uploaded through another, with URLs
/// signed by any silo accepted by every silo.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterFormationTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ThreeSilosOnAnEmptyDatabase_FormOneCluster_AndEachPlaysMediaUploadedThroughAnother()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3);
        await cluster.WaitForActiveMembersAsync(3, TimeSpan.FromSeconds(30));

        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        using var first = new MediaApi(cluster.Silos[0].HttpBase);
        var (status, body) = await first.UploadAsync("system_media/cluster-tone", wav, "audio/wav");
        Assert.True(status == 200, body.ToString());

        using var http = new HttpClient();
        foreach (var signer in cluster.Silos)
        {
            using var api = new MediaApi(signer.HttpBase);
            var url = new Uri(await api.StreamUrlAsync("system_media/cluster-tone"));
            Assert.Equal(signer.HttpPort, url.Port);
            foreach (var server in cluster.Silos)
            {
                var played = await http.GetByteArrayAsync(new UriBuilder(url) { Port = server.HttpPort }.Uri);
                Assert.Equal(wav, played);
            }
        }

        // The shell_stream pipeline against the last silo, for a URL the first one signed.
        Requirements.Tools("curl", "sox");
        var firstUrl = new UriBuilder(await first.StreamUrlAsync("system_media/cluster-tone")) { Port = cluster.Silos[2].HttpPort };
        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf '{firstUrl.Uri}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", TimeSpan.FromSeconds(30));
        Assert.Equal(0, pcm.ExitCode);
        Assert.Equal(AudioFiles.WavData(wav), pcm.Stdout);
        output.WriteLine($"3 silos active; {wav.Length} B item played byte-exact through every silo with URLs from every silo");
    }
}
