using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Losing a silo loses nothing: one of three silos is killed with SIGKILL while the others play
/// media and a continuous stream; their listeners carry on with the exact bytes, and new URL
/// requests for items whose grains lived on the dead silo are answered by the survivors, with
/// URLs that play, once Orleans has declared it dead. A silo stopped gracefully finishes what it
/// is sending and is dead in the membership as it exits, so nobody waits for it to be found dead. How
/// long each takes is printed; the speed is not asserted (a loaded machine would fail it).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Items = 30;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

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
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var urls = new List<Uri>();
        foreach (var api in apis.Take(2))
        {
            foreach (var name in names)
            {
                var url = new Uri(await api.StreamUrlAsync(name));
                Assert.Equal(wav, await http.GetByteArrayAsync(url));
                urls.Add(url);
            }
        }

        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await apis[0].UploadAsync("prompts/failover-hold", mp3, "audio/mpeg")).Status);
        var (_, live) = await apis[0].StreamAsync(new { mediaName = "prompts/failover-hold", streamType = "extant" });
        using var listener = await ListenAsync(new Uri(live.GetProperty("url").GetString()!.Replace("shout://", "http://", StringComparison.Ordinal)));

        using var stopLoad = new CancellationTokenSource();
        var load = PlayUntilStoppedAsync(http, urls, wav, stopLoad.Token);
        await listener.WaitForBytesAsync(CallFrames.Bytes * 10, Deadline);

        victim.Kill();
        var killed = Stopwatch.StartNew();
        var heardBeforeKill = listener.Bytes;

        // New URL requests for every item, through the survivors, until each is answered.
        var answeredAfter = new TimeSpan[Items];
        var newUrls = new Uri[Items];
        var attempts = 0;
        var pending = Enumerable.Range(0, Items).ToList();
        while (pending.Count > 0)
        {
            Assert.True(killed.Elapsed < Deadline, $"{pending.Count} items still unanswered {Deadline.TotalSeconds} s after the kill");
            foreach (var i in pending.ToArray())
            {
                attempts++;
                var (status, answer) = await TryStreamAsync(apis[i % 2], names[i]);
                if (status == 200)
                {
                    answeredAfter[i] = killed.Elapsed;
                    newUrls[i] = new Uri(System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("url").GetString()!);
                    pending.Remove(i);
                }
            }

            await Task.Delay(50);
        }

        // The continuous stream goes on after the kill: at least another 2 s of audio arrives.
        await listener.WaitForBytesAsync(heardBeforeKill + (CallFrames.Bytes * 28), Deadline);
        await stopLoad.CancelAsync();
        var (played, failures) = await load;
        var heard = listener.Stop();
        var sorted = answeredAfter.Order().ToArray();
        output.WriteLine($"after SIGKILL of 1 of 3 silos: every item answered again within {sorted[^1].TotalMilliseconds:F0} ms " +
                         $"(p50 {sorted[Items / 2].TotalMilliseconds:F0} ms, {attempts} requests); " +
                         $"survivors played {played} times with {failures.Count} failures; continuous stream {heard.Length} B " +
                         $"({heardBeforeKill} B before the kill), longest wait for bytes {listener.LongestGap.TotalMilliseconds:F0} ms");
        output.WriteLine($"membership: {await cluster.CountMembersAsync(3)} active, {await cluster.CountMembersAsync(6)} dead");

        // Requests in flight when the silo died and every one after: all of them whole and exact.
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.True(played >= urls.Count, $"only {played} plays of {urls.Count} URLs during the failover");
        // The listener's bytes are one unbroken run of whole frames, across the kill.
        var frames = Body(heard);
        Assert.Equal(frames.Length / CallFrames.Bytes, CallFrames.FromStart(frames));
        // Every new URL plays the item, and every old URL of the survivors still does.
        foreach (var url in newUrls.Concat(urls))
        {
            Assert.Equal(wav, await http.GetByteArrayAsync(url));
        }

        Assert.All(survivors, silo => Assert.False(silo.HasExited));
    }

    [SkippableFact]
    public async Task StoppingASiloGracefully_FinishesItsDownloadInFlight_IsDeadInTheMembershipAsItExits_AndTheOtherServesItsItems()
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
        using var reading = new CancellationTokenSource(Deadline);
        var first = new byte[1024];
        var firstLength = await slow.GetStream().ReadAsync(first, reading.Token);
        Assert.True(firstLength > 0);

        var stopping = leaving.TerminateAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        using var rest = new MemoryStream();
        await slow.GetStream().CopyToAsync(rest, reading.Token);
        var exitCode = await stopping;
        var stopped = Stopwatch.StartNew();
        // Read at once: a silo that just vanished would still be listed active here until the
        // others' missed probes (several seconds of them) voted it dead.
        var member = await cluster.MemberAsync(leaving.Ports.Silo);

        var slowest = TimeSpan.Zero;
        foreach (var name in names)
        {
            var asked = Stopwatch.StartNew();
            var (status, answer) = await stayingApi.StreamAsync(new { mediaName = name });
            Assert.True(status == 200, $"{name}: {status} {answer}");
            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
        }

        output.WriteLine($"graceful stop: exit code {exitCode}, in-flight response {firstLength + rest.Length} B delivered; membership row {member}; " +
                         $"items of the stopped silo answered by the other within {stopped.Elapsed.TotalMilliseconds:F0} ms (slowest request {slowest.TotalMilliseconds:F0} ms)");
        Assert.Equal(0, exitCode);
        byte[] response = [.. first.AsSpan(0, firstLength), .. rest.ToArray()];
        Assert.Equal(wav, Body(response));
        Assert.True(member is { Status: SiloCluster.Dead },
            $"right after its exit the stopped silo's membership row is {member}: it did not leave the cluster itself\n{leaving.Output}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(wav, await http.GetByteArrayAsync(new Uri(await stayingApi.StreamUrlAsync(names[^1]))));
    }

    // The body of a whole HTTP response (everything after the blank line).
    private static byte[] Body(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end >= 0, $"no response head in {response.Length} B");
        return response[(end + 4)..];
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

    // Plays every URL in turn until stopped, finishing the round it is in; every body is compared.
    private static async Task<(int Played, List<string> Failures)> PlayUntilStoppedAsync(HttpClient http, List<Uri> urls, byte[] expected,
        CancellationToken stop)
    {
        var played = 0;
        var failures = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var url in urls)
            {
                try
                {
                    var body = await http.GetByteArrayAsync(url, CancellationToken.None);
                    if (body.AsSpan().SequenceEqual(expected))
                    {
                        played++;
                    }
                    else
                    {
                        failures.Add($"{url}: {body.Length} B that differ from the item's {expected.Length} B");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.Add($"{url}: {ex.Message}");
                }
            }
        }

        return (played, failures);
    }

    private static async Task<LiveListener> ListenAsync(Uri url)
    {
        var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.0\r\nHost: {url.Host}\r\n\r\n"));
        return new LiveListener(client);
    }

    /// <summary>Reads a continuous stream in the background, keeping every byte (head included).</summary>
    private sealed class LiveListener : IDisposable
    {
        private readonly TcpClient _client;
        private readonly Task _reading;
        private readonly CancellationTokenSource _stop = new();
        private readonly MemoryStream _received = new();
        private TimeSpan _longestGap;

        public LiveListener(TcpClient client)
        {
            _client = client;
            _reading = ReadAsync();
        }

        /// <summary>Bytes received so far.</summary>
        public long Bytes
        {
            get
            {
                lock (_received)
                {
                    return _received.Length;
                }
            }
        }

        /// <summary>The longest wait between two reads, for the report only.</summary>
        public TimeSpan LongestGap => _longestGap;

        /// <summary>Waits until <paramref name="bytes"/> have arrived; fails if the stream ends or time runs out.</summary>
        public async Task WaitForBytesAsync(long bytes, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Bytes < bytes)
            {
                Assert.False(_reading.IsCompleted, $"the continuous stream ended after {Bytes} B, before {bytes} B");
                Assert.True(DateTime.UtcNow < deadline, $"the continuous stream gave {Bytes} B, not {bytes} B, within {timeout}");
                await Task.Delay(50);
            }
        }

        /// <summary>Stops reading; everything received.</summary>
        public byte[] Stop()
        {
            _stop.Cancel();
            lock (_received)
            {
                return _received.ToArray();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _client.Dispose();
            _stop.Dispose();
            _received.Dispose();
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
                    lock (_received)
                    {
                        if (since.Elapsed > _longestGap && _received.Length > 0)
                        {
                            _longestGap = since.Elapsed;
                        }

                        _received.Write(buffer, 0, read);
                    }

                    since.Restart();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
