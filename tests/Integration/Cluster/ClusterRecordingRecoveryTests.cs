using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// A recording whose silo is killed with SIGKILL mid-stream is found again when the silo comes
/// back (it finishes recordings its spool left receiving at start), with every byte the silo
/// had received.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterRecordingRecoveryTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ARecordingCutOffBySigkillOfItsSilo_IsRecoveredAfterRestart_UpToTheLastByteReceived()
    {
        Requirements.Tools("shout");
        var call = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        // Three calls' worth back to back: about 9 s of real-time streaming to cut into.
        var source = Path.Combine(Path.GetTempPath(), $"long-call-{Guid.NewGuid():N}.mp3");
        await File.WriteAllBytesAsync(source, [.. call, .. call, .. call]);
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2);
        await cluster.WaitForActiveMembersAsync(2, TimeSpan.FromSeconds(30));

        var name = $"calls/cut-{Guid.NewGuid():N}";
        using (var api = new MediaApi(cluster.Silos[1].HttpBase))
        {
            var (status, allocation) = await api.AllocateRecordingAsync(new { name });
            Assert.Equal(201, status);
            var url = ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);
            Assert.Equal(cluster.Silos[1].ShoutPort, url.Port);
            var streaming = SourceClients.ShoutCliAsync(url, source);

            // Kill the silo right after it has confirmed some bytes, in the middle of the call. A
            // source that fails or ends first, or a silo that never counts the bytes, fails here.
            long confirmed;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            do
            {
                await Task.Delay(100);
                confirmed = (await api.GetRecordingAsync(name)).Body.GetProperty("bytes").GetInt64();
                if (streaming.IsCompleted && confirmed < 4000)
                {
                    var ended = await streaming;
                    Assert.Fail($"the source ended (exit {ended.ExitCode}) before the silo confirmed 4000 B ({confirmed} B): {ended.Stderr}\n{cluster.Silos[1].Output}");
                }

                Assert.True(DateTime.UtcNow < deadline, $"the silo confirmed only {confirmed} B of the call within 60 s\n{cluster.Silos[1].Output}");
            }
            while (confirmed < 4000);

            cluster.Silos[1].Kill();
            await streaming;

            var restarted = await cluster.RestartAsync(1);
            using var again = new MediaApi(restarted.HttpBase);
            var recovered = await WaitUntilCompleteAsync(again, name);
            var bytes = recovered.GetProperty("bytes").GetInt64();
            output.WriteLine($"confirmed {confirmed} B before SIGKILL; recovered {bytes} B, stopped by {recovered.GetProperty("stoppedReason")}");

            Assert.Equal("interrupted", recovered.GetProperty("stoppedReason").GetString());
            Assert.InRange(bytes, confirmed, call.Length * 3L);
            var spooled = await File.ReadAllBytesAsync(Path.Combine(cluster.DataPath, "recordings", name, "@item", "audio.mp3"));
            Assert.Equal(bytes, spooled.Length);
            Assert.Equal((await File.ReadAllBytesAsync(source))[..spooled.Length], spooled);
        }

        File.Delete(source);
    }

    private static async Task<System.Text.Json.JsonElement> WaitUntilCompleteAsync(MediaApi api, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await api.GetRecordingAsync(name);
            if (status == 200 && body.GetProperty("state").GetString() == "complete")
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"recording not complete 30 s after restart: {status} {body}");
            await Task.Delay(200);
        }
    }
}
