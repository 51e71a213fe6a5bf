using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Losing a silo loses nothing: one of three silos is killed with SIGKILL while the others play
/// media and a continuous stream; their listeners carry on, and new URL requests for items
/// whose grains lived on the dead silo are answered by the survivors once Orleans has declared
/// it dead. The time that takes is measured and printed.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Items = 30;

    [SkippableFact]
    public async Task KillingOneSilo_LeavesPlaybackOnTheOthersIntact_AndTheSurvivorsAnswerEveryNewUrlRequest()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3);
        await cluster.WaitForActiveMembersAsync(3, TimeSpan.FromSeconds(30));
        var (victim, survivors) = (cluster.Silos[2], cluster.Silos.Take(2).ToArray());
        var apis = cluster.Silos.Select(silo => new MediaApi(silo.HttpBase)).ToArray();
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        // Items uploaded through every silo, so their grains are spread over all three.
        var names = Enumerable.Range(0, Items).Select(i => $"prompts/failover-{i}").ToArray();
        for (var i = 0; i < Items; i++)
        {
            Assert.Equal(200, (await apis[i % 3].UploadAsync(names[i], wav, "audio/wav")).Status);
        }

        // Every survivor plays every item once, so it holds the bytes itself.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var urls = new List<Uri>();
        foreach (var api in apis.Take(2))
        {
            foreach (var name in names)
            {
                var url = new Uri(await api.StreamUrlAsync(name));
                Assert.Equal(wav.Length, (await http.GetByteArrayAsync(url)).Length);
                urls.Add(url);
            }
        }

        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await apis[0].UploadAsync("prompts/failover-hold", mp3, "audio/mpeg")).Status);
        var (_, live) = await apis[0].StreamAsync(new { mediaName = "prompts/failover-hold", streamType = "extant" });
        using var listener = await ListenAsync(new Uri(live.GetProperty("url").GetString()!.Replace("shout://", "http://", StringComparison.Ordinal)));

        using var stopLoad = new CancellationTokenSource();
        var load = PlayUntilStoppedAsync(http, urls, wav.Length, stopLoad.Token);
        await Task.Delay(1000);

        victim.Kill();
        var killed = Stopwatch.StartNew();

        // New URL requests for every item, through the survivors, until each is answered.
        var answeredAfter = new TimeSpan[Items];
        var attempts = 0;
        var pending = Enumerable.Range(0, Items).ToList();
        while (pending.Count > 0)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(90), $"{pending.Count} items still unanswered 90 s after the kill");
            foreach (var i in pending.ToArray())
            {
                attempts++;
                var (status, _) = await TryStreamAsync(apis[i % 2], names[i]);
                if (status == 200)
                {
                    answeredAfter[i] = killed.Elapsed;
                    pending.Remove(i);
                }
            }

            await Task.Delay(50);
        }

        await Task.Delay(1000);
        await stopLoad.CancelAsync();
        var (played, failed) = await load;
        var (liveBytes, longestGap, listened) = listener.Stop();
        var sorted = answeredAfter.Order().ToArray();
        output.WriteLine($"after SIGKILL of 1 of 3 silos: every item answered again within {sorted[^1].TotalMilliseconds:F0} ms " +
                         $"(p50 {sorted[Items / 2].TotalMilliseconds:F0} ms, {attempts} requests); " +
                         $"survivors played {played} times with {failed} failures; continuous stream {liveBytes} B, longest gap {longestGap.TotalMilliseconds:F0} ms");
        output.WriteLine($"membership: {await cluster.CountMembersAsync(3)} active, {await cluster.CountMembersAsync(6)} dead");

        Assert.Equal(0, failed);
        Assert.True(played > urls.Count, $"only {played} plays during the failover");
        // 16 kbps (2,000 B/s) all along: a listener starved by the kill would fall far behind.
        Assert.True(liveBytes >= listened.TotalSeconds * 2000 * 0.8, $"continuous stream gave {liveBytes} B in {listened}");
        Assert.True(longestGap < TimeSpan.FromSeconds(2), $"continuous stream stalled for {longestGap}");
        Assert.All(survivors, silo => Assert.False(silo.HasExited));
    }

    [SkippableFact]
    public async Task StoppingASiloGracefully_FinishesItsDownloadInFlight_AndHandsItsGrainsOverAtOnce()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 2);
        await cluster.WaitForActiveMembersAsync(2, TimeSpan.FromSeconds(30));
        var (leaving, staying) = (cluster.Silos[1], cluster.Silos[0]);
        using var leavingApi = new MediaApi(leaving.HttpBase);
        using var stayingApi = new MediaApi(staying.HttpBase);
        // 6 MB: more than the kernel's socket buffers hold, so the silo is still sending when told to stop.
        Requirements.Tools("sox");
        var big = Path.Combine(cluster.DataPath, "big.wav");
        Assert.Equal(0, (await ProcessRunner.RunAsync("sox", ["-n", "-r", "48000", "-c", "2", "-b", "16", big, "synth", "32", "sine", "440"],
            TimeSpan.FromSeconds(60))).ExitCode);
        var wav = await File.ReadAllBytesAsync(big);
        var names = Enumerable.Range(0, 10).Select(i => $"prompts/leaving-{i}").ToArray();
        foreach (var name in names)
        {
            Assert.Equal(200, (await leavingApi.UploadAsync(name, wav, "audio/wav")).Status);
        }

        // A slow reader of the leaving silo: the response is in flight when SIGTERM arrives.
        using var slow = new TcpClient { ReceiveBufferSize = 4096 };
        var url = new Uri(await leavingApi.StreamUrlAsync(names[0]));
        await slow.ConnectAsync(url.Host, url.Port);
        await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        var first = new byte[1024];
        Assert.True(await slow.GetStream().ReadAsync(first) > 0);

        var stopping = leaving.TerminateAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        using var rest = new MemoryStream();
        await slow.GetStream().CopyToAsync(rest);
        var exitCode = await stopping;
        var stopped = Stopwatch.StartNew();

        var slowest = TimeSpan.Zero;
        foreach (var name in names)
        {
            var asked = Stopwatch.StartNew();
            Assert.Equal(200, (await stayingApi.StreamAsync(new { mediaName = name })).Status);
            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
        }

        output.WriteLine($"graceful stop: exit code {exitCode}, in-flight response {first.Length + rest.Length} B delivered; " +
                         $"items of the stopped silo answered by the other within {stopped.Elapsed.TotalMilliseconds:F0} ms (slowest request {slowest.TotalMilliseconds:F0} ms)");
        Assert.Equal(0, exitCode);
        var response = Encoding.ASCII.GetString([.. first, .. rest.ToArray()]);
        var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        Assert.Equal(wav.Length, first.Length + rest.Length - body);
        // Well under the 3 s a killed silo takes to be declared dead: nobody waited for probes.
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a request waited {slowest} for the stopped silo's grain");
    }

    private static async Task<(int Status, string Body)> TryStreamAsync(MediaApi api, string name)
    {
        try
        {
            var (status, body) = await api.StreamAsync(new { mediaName = name });
            return (status, body.ToString());
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.Message);
        }
        catch (TaskCanceledException ex)
        {
            return (0, ex.Message);
        }
    }

    private static async Task<(int Played, int Failed)> PlayUntilStoppedAsync(HttpClient http, List<Uri> urls, int length,
        CancellationToken stop)
    {
        var played = 0;
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var url in urls)
            {
                try
                {
                    var body = await http.GetByteArrayAsync(url, CancellationToken.None);
                    if (body.Length == length)
                    {
                        played++;
                    }
                    else
                    {
                        failed++;
                    }
                }
                catch (HttpRequestException)
                {
                    failed++;
                }
            }
        }

        return (played, failed);
    }

    private static async Task<LiveListener> ListenAsync(Uri url)
    {
        var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.0\r\nHost: {url.Host}\r\n\r\n"));
        return new LiveListener(client);
    }

    /// <summary>Reads a continuous stream in the background, noting the longest wait for bytes.</summary>
    private sealed class LiveListener : IDisposable
    {
        private readonly TcpClient _client;
        private readonly Task _reading;
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _listening = Stopwatch.StartNew();
        private long _bytes;
        private TimeSpan _longestGap;

        public LiveListener(TcpClient client)
        {
            _client = client;
            _reading = ReadAsync();
        }

        public (long Bytes, TimeSpan LongestGap, TimeSpan Listened) Stop()
        {
            _stop.Cancel();
            return (Interlocked.Read(ref _bytes), _longestGap, _listening.Elapsed);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _client.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[16 * 1024];
            var since = Stopwatch.StartNew();
            try
            {
                int read;
                while ((read = await _client.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (since.Elapsed > _longestGap && Interlocked.Read(ref _bytes) > 0)
                    {
                        _longestGap = since.Elapsed;
                    }

                    Interlocked.Add(ref _bytes, read);
                    since.Restart();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
