using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Cluster;

/// <summary>
/// Silos dying under mixed load lose no recording: three silos on PostgreSQL, recordings
/// allocated on every silo and streamed in real time by mod_shout's libshout calls, and a
/// playback loop over every silo; silo A is SIGKILLed and restarted at once, then silo C.
/// Every recording on silo B (never touched) is byte-exact; every recording on a killed silo is
/// an exact prefix of what was sent and complete after its silo is back. A play on a silo that
/// is up fails only if it started within <see cref="FailoverGrace"/> of a kill (or was in flight
/// then): neither the dead silo's detection nor its restart and rejoin may fail a play later.
/// The failure times are printed.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterChaosScenarioTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int RecordingsPerSilo = 3;
    private const int Prompts = 6;
    private static readonly TimeSpan FailoverGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PlayTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task KillingAndRestartingTwoSilosUnderLoad_KeepsEveryRecordingOfTheUntouchedSiloWhole_AndFailsPlaysOnlyInTheFailoverWindow()
    {
        Requirements.Tools(SourceClients.ModShoutClient);
        var call = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        // About 20 s of real-time streaming per recording: seven calls back to back.
        var sent = Enumerable.Repeat(call, 7).SelectMany(bytes => bytes).ToArray();
        var source = Path.Combine(Path.GetTempPath(), $"chaos-call-{Guid.NewGuid():N}.mp3");
        await File.WriteAllBytesAsync(source, sent);
        try
        {
            await RunScenarioAsync(sent, source);
        }
        finally
        {
            File.Delete(source);
        }
    }

    private async Task RunScenarioAsync(byte[] sent, string source)
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 3);
        await cluster.WaitForActiveMembersAsync(3, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var prompts = Enumerable.Range(0, Prompts).Select(i => $"prompts/chaos-{i}").ToArray();
        using (var api = new MediaApi(cluster.Silos[1].HttpBase))
        {
            foreach (var prompt in prompts)
            {
                Assert.Equal(200, (await api.UploadAsync(prompt, wav, "audio/wav")).Status);
            }
        }

        // Recordings allocated on every silo: the source URL names the allocating silo.
        var recordings = new List<(string Name, int Silo, Task<ProcessResult> Streaming)>();
        for (var silo = 0; silo < 3; silo++)
        {
            using var api = new MediaApi(cluster.Silos[silo].HttpBase);
            for (var i = 0; i < RecordingsPerSilo; i++)
            {
                var name = $"chaos/{"ABC"[silo]}{i}-{Guid.NewGuid():N}";
                var (status, allocation) = await api.AllocateRecordingAsync(new { name, maxSeconds = 120 });
                Assert.True(status == 201, $"allocation on silo {silo}: {status} {allocation}");
                var url = ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);
                recordings.Add((name, silo, SourceClients.ModShoutAsync(url, source, tlsDisabled: true)));
            }
        }

        var down = new DownWindows(clock);
        using var stopPlaying = new CancellationTokenSource();
        var plays = PlayUntilStoppedAsync(cluster, prompts, wav, down, clock, stopPlaying.Token);

        // Every recording has been confirmed some bytes before the first kill, so each killed silo cuts into live streams.
        using (var survivor = new MediaApi(cluster.Silos[1].HttpBase))
        {
            foreach (var (name, _, _) in recordings)
            {
                await WaitForBytesAsync(survivor, name, 4000);
            }
        }

        await KillAndRestartAsync(cluster, 0, down);
        await cluster.WaitForActiveMembersAsync(3, Deadline);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await KillAndRestartAsync(cluster, 2, down);
        await cluster.WaitForActiveMembersAsync(3, Deadline);

        var ended = await Task.WhenAll(recordings.Select(r => r.Streaming));
        // Plays go on for a while after the last restart: a rejoining silo must fail none of them.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stopPlaying.CancelAsync();
        var history = await plays;

        var results = new List<string>();
        var problems = new List<string>();
        using (var api = new MediaApi(cluster.Silos[1].HttpBase))
        {
            for (var i = 0; i < recordings.Count; i++)
            {
                var (name, silo, _) = recordings[i];
                var body = await WaitUntilCompleteAsync(api, name);
                var stored = await File.ReadAllBytesAsync(Path.Combine(cluster.DataPath, "recordings", name, "@item", "audio.mp3"));
                var reason = body.GetProperty("stoppedReason").GetString();
                results.Add($"{name} on silo {"ABC"[silo]}: {stored.Length} of {sent.Length} B, stopped by {reason}, source exit {ended[i].ExitCode}");
                if (silo == 1 && !stored.AsSpan().SequenceEqual(sent))
                {
                    problems.Add($"{name} on the untouched silo B holds {stored.Length} B (stopped by {reason}) instead of the {sent.Length} B sent");
                }
                else if (stored.Length > sent.Length || !stored.AsSpan().SequenceEqual(sent.AsSpan(0, stored.Length)))
                {
                    problems.Add($"{name} on killed silo {"ABC"[silo]} holds {stored.Length} B that are not a prefix of what was sent");
                }
            }
        }

        var failures = history.Where(p => p.Failure is not null).ToList();
        var outside = failures.Where(p => !down.InFailoverWindow(p.At, FailoverGrace)).ToList();
        output.WriteLine(string.Join('\n', results));
        output.WriteLine($"faults: {down.Describe()}");
        output.WriteLine($"{history.Count} plays on silos that were up, {failures.Count} failed:");
        output.WriteLine(string.Join('\n', failures.Select(p => $"  {p.At.TotalSeconds:F1} s silo {"ABC"[p.Silo]}: {p.Failure}")));

        Assert.True(problems.Count == 0, string.Join('\n', problems) + "\n" + cluster.Silos[1].Output);
        Assert.True(outside.Count == 0, $"{outside.Count} plays failed outside the failover windows ({down.Describe()}):\n" +
            string.Join('\n', outside.Take(10).Select(p => $"{p.At.TotalSeconds:F1} s silo {"ABC"[p.Silo]}: {p.Failure}")));
        Assert.True(history.Count(p => p.Failure is null) >= Prompts * 3, $"only {history.Count(p => p.Failure is null)} plays succeeded");
    }

    private static async Task KillAndRestartAsync(SiloCluster cluster, int index, DownWindows down)
    {
        down.Killed(index);
        cluster.Silos[index].Kill();
        await cluster.RestartAsync(index);
        down.Restarted(index);
    }

    // Each round asks every silo that is up for a URL of a prompt and plays it, checking every byte.
    private static async Task<List<Play>> PlayUntilStoppedAsync(SiloCluster cluster, string[] prompts, byte[] expected,
        DownWindows down, Stopwatch clock, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = PlayTimeout };
        var history = new List<Play>();
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            for (var silo = 0; silo < 3; silo++)
            {
                if (down.IsDown(silo))
                {
                    continue;
                }

                var at = clock.Elapsed;
                var failure = await PlayOnceAsync(http, cluster.Silos[silo].HttpBase, prompts[(round + silo) % prompts.Length], expected);
                // A play that began while its silo was being killed says nothing about the silos that stayed up.
                if (!down.WasDownSince(silo, at))
                {
                    history.Add(new Play(at, silo, failure));
                }
            }

            round++;
            await Task.Delay(100, CancellationToken.None);
        }

        return history;
    }

    private static async Task<string?> PlayOnceAsync(HttpClient http, Uri silo, string prompt, byte[] expected)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(silo, "api/streams"), new { mediaName = prompt });
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                return $"POST /api/streams {(int)response.StatusCode} {answer}";
            }

            var url = JsonDocument.Parse(answer).RootElement.GetProperty("url").GetString()!;
            var body = await http.GetByteArrayAsync(new Uri(url));
            return body.AsSpan().SequenceEqual(expected) ? null : $"{body.Length} B that differ from the prompt's {expected.Length} B";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.Message;
        }
    }

    private static async Task WaitForBytesAsync(MediaApi api, string name, long bytes)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var (status, body) = await api.GetRecordingAsync(name);
            if (status == 200 && body.GetProperty("bytes").GetInt64() >= bytes)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} was not confirmed {bytes} B within {Deadline}: {status} {body}");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> WaitUntilCompleteAsync(MediaApi api, string name)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var (status, body) = await api.GetRecordingAsync(name);
            if (status == 200 && body.GetProperty("state").GetString() == "complete")
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} not complete within {Deadline}: {status} {body}");
            await Task.Delay(200);
        }
    }

    private sealed record Play(TimeSpan At, int Silo, string? Failure);

    /// <summary>When each silo was killed and started again, on the scenario's clock.</summary>
    private sealed class DownWindows(Stopwatch clock)
    {
        private readonly List<(int Silo, TimeSpan Killed, TimeSpan? Restarted)> _windows = [];

        public void Killed(int silo)
        {
            lock (_windows)
            {
                _windows.Add((silo, clock.Elapsed, null));
            }
        }

        public void Restarted(int silo)
        {
            lock (_windows)
            {
                var i = _windows.FindLastIndex(w => w.Silo == silo);
                _windows[i] = _windows[i] with { Restarted = clock.Elapsed };
            }
        }

        public bool IsDown(int silo)
        {
            lock (_windows)
            {
                return _windows.Any(w => w.Silo == silo && w.Restarted is null);
            }
        }

        // Whether the silo was killed (or still down) at any time after `since`.
        public bool WasDownSince(int silo, TimeSpan since)
        {
            lock (_windows)
            {
                return _windows.Any(w => w.Silo == silo && (w.Restarted is null || w.Restarted > since));
            }
        }

        public bool InFailoverWindow(TimeSpan at, TimeSpan grace)
        {
            lock (_windows)
            {
                return _windows.Any(w => at >= w.Killed - PlayTimeout && at <= w.Killed + grace);
            }
        }

        public string Describe()
        {
            lock (_windows)
            {
                return string.Join("; ", _windows.Select(w =>
                    $"silo {"ABC"[w.Silo]} killed at {w.Killed.TotalSeconds:F1} s, started again at {w.Restarted?.TotalSeconds:F1} s"));
            }
        }
    }
}
