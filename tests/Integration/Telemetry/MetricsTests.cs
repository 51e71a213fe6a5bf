using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Telemetry;

/// <summary>
/// <c>/metrics</c> after real traffic: curl | sox plays, a libshout recording (modshout-client),
/// a continuous-stream listener, a store read and a transcode. Each test scrapes before and after
/// its traffic and checks the counters moved by exactly what it did (the tests of a class run one
/// at a time, so nothing else moves them), and that no series is named after an item.
/// </summary>
public sealed class MetricsTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);
    private static readonly (string, string) Http = ("listener", "http");
    private static readonly (string, string) Shout = ("listener", "shout");
    private static readonly (string, string) Media = ("kind", "media");

    [SkippableFact]
    public async Task CurlSoxPlays_CountRequestsByStatus_BytesSent_FirstBytes_AndTheListenersTier()
    {
        Requirements.Tools("curl", "sox");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync("metrics/curl-sox", wav, "audio/wav")).Status);
        var url = await fixture.Api.StreamUrlAsync("metrics/curl-sox");
        var before = await MetricsScrape.ReadAsync(fixture.Silo);

        for (var play = 0; play < 3; play++)
        {
            var pcm = await ProcessRunner.BashAsync($"curl -sf '{url}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", ClientTimeout);
            Assert.True(pcm.ExitCode == 0, pcm.Stderr);
            Assert.Equal(AudioFiles.WavData(wav), pcm.Stdout);
        }

        var forged = await ProcessRunner.BashAsync($"curl -s -o /dev/null -w '%{{http_code}}' '{WithForgedSignature(url)}'", ClientTimeout);
        var after = await MetricsScrape.ReadAsync(fixture.Silo);

        Assert.Equal("403", forged.StdoutText);
        Assert.Equal(3, after.Since(before, "mediaorleans_playback_requests_total", Http, Media, ("status", "200")));
        Assert.Equal(1, after.Since(before, "mediaorleans_playback_requests_total", Http, Media, ("status", "403")));
        Assert.Equal(3.0 * wav.Length, after.Since(before, "mediaorleans_playback_sent_bytes_total", Http, Media));
        // Refusals are not timed: three answers that played, three first bytes.
        Assert.Equal(3, after.Since(before, "mediaorleans_playback_first_byte_duration_seconds_count", Http, Media));
        Assert.Equal(3, after.Since(before, "mediaorleans_playback_first_byte_duration_seconds_bucket", Http, Media, ("le", "+Inf")));
        // The first play filled the listeners' tier; the other two were served from it.
        Assert.Equal(1, after.Since(before, "mediaorleans_cache_misses_total", ("tier", "listeners")));
        Assert.Equal(2, after.Since(before, "mediaorleans_cache_hits_total", ("tier", "listeners")));
        Assert.True(after.Sum("mediaorleans_cache_size_bytes", ("tier", "listeners")) >= wav.Length);
        Assert.Equal(256.0 * 1024 * 1024, after.Sum("mediaorleans_cache_limit_bytes", ("tier", "listeners")));
        foreach (var tier in new[] { "grains", "transcoded", "listeners" })
        {
            Assert.Contains(after.All, s => s.Name == "mediaorleans_cache_limit_bytes" && s.Labels["tier"] == tier);
        }
    }

    [SkippableFact]
    public async Task LibshoutRecording_CountsAllocationBytesCompletionAndAFailedLogin()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var before = await MetricsScrape.ReadAsync(fixture.Silo);
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        Assert.Equal(201, status);
        var name = allocation.GetProperty("name").GetString()!;
        var url = ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);

        var refused = await SourceClients.ModShoutAsync(url.WithPassword("not-the-password"), mp3);
        var streamed = await SourceClients.ModShoutAsync(url, mp3);
        var recording = await WaitForStateAsync(name, "complete");
        var after = await MetricsScrape.ReadAsync(fixture.Silo);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.True(streamed.ExitCode == 0, streamed.Stderr);
        Assert.Equal(new FileInfo(mp3).Length, recording.GetProperty("bytes").GetInt64());
        Assert.Equal(1, after.Since(before, "mediaorleans_recordings_allocated_total"));
        Assert.Equal(1, after.Since(before, "mediaorleans_recordings_auth_failures_total"));
        Assert.Equal(1, after.Since(before, "mediaorleans_recordings_completed_total", ("reason", "closed")));
        Assert.Equal(new FileInfo(mp3).Length, after.Since(before, "mediaorleans_recordings_received_bytes_total"));
        // The source came and went: nothing is receiving (the gauge exists: it went up and down), and no store waits.
        Assert.Contains(after.All, s => s.Name == "mediaorleans_recordings_receiving");
        Assert.Equal(0, after.Sum("mediaorleans_recordings_receiving"));
        Assert.Equal(0, after.Sum("mediaorleans_recordings_stores_pending"));
    }

    [SkippableFact]
    public async Task ContinuousStreamListener_IsAMountAndAListenerWhileItListens_AndALivePlayAfterwards()
    {
        Requirements.Tools("curl");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await fixture.Api.UploadAsync("metrics/hold-music", mp3, "audio/mpeg")).Status);
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "metrics/hold-music", streamType = "extant" });
        Assert.Equal(200, status);
        var url = "http://" + stream.GetProperty("url").GetString()!["shout://".Length..];
        var before = await MetricsScrape.ReadAsync(fixture.Silo);

        // curl listens until it is stopped; meanwhile the gauges show it.
        var listening = ProcessRunner.BashAsync($"curl -s --max-time 6 -o /dev/null -w '%{{size_download}}' '{url}'", ClientTimeout);
        var during = await WaitForAsync(s => s.Sum("mediaorleans_live_listeners") == 1, "one live listener");
        var listened = await listening;
        var after = await WaitForAsync(s => s.Sum("mediaorleans_live_listeners") == 0, "no live listener once curl left");

        Assert.Equal(1, during.Sum("mediaorleans_live_mounts"));
        Assert.Equal(1, after.Since(before, "mediaorleans_playback_requests_total", Shout, ("kind", "live"), ("status", "200")));
        Assert.Equal(1, after.Since(before, "mediaorleans_playback_first_byte_duration_seconds_count", Shout, ("kind", "live")));
        var sent = after.Since(before, "mediaorleans_playback_sent_bytes_total", Shout, ("kind", "live"));
        // Curl read (part of) what the silo counted as sent: body bytes, the head is not counted.
        var read = long.Parse(listened.StdoutText, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(read > 0 && read <= sent, $"sent {sent}, curl read {read}");
        Assert.Equal(0, after.Since(before, "mediaorleans_live_dropped_total"));
    }

    [SkippableFact]
    public async Task AFreshSilo_ReadsTheStoreOnce_AndTranscodesOnce_ForThreePlaysAt16k()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var data = Directory.CreateTempSubdirectory("mediaorleans-metrics-").FullName;
        await using (var loader = await SiloProcess.StartAsync(dataPath: data))
        {
            using var api = new MediaApi(loader.HttpBase);
            Assert.Equal(200, (await api.UploadAsync("metrics/stored", wav, "audio/wav")).Status);
            await loader.TerminateAsync(TimeSpan.FromSeconds(30));
        }

        await using var silo = await SiloProcess.StartAsync(dataPath: data);
        using var fresh = new MediaApi(silo.HttpBase);
        var (status, stream) = await fresh.StreamAsync(new { mediaName = "metrics/stored", format = "wav", rate = 16000 });
        Assert.Equal(200, status);
        var url = stream.GetProperty("url").GetString()!;
        var before = await MetricsScrape.ReadAsync(silo);

        for (var play = 0; play < 3; play++)
        {
            var body = await ProcessRunner.BashAsync($"curl -sf -o /dev/null -w '%{{size_download}}' '{url}'", ClientTimeout);
            Assert.True(body.ExitCode == 0, body.Stderr);
        }

        var after = await MetricsScrape.ReadAsync(silo);
        Assert.Equal(1, after.Since(before, "mediaorleans_store_reads_total"));
        Assert.Equal(1, after.Since(before, "mediaorleans_store_read_duration_seconds_count"));
        Assert.Equal(0, after.Since(before, "mediaorleans_store_read_failures_total"));
        Assert.Equal(1, after.Since(before, "mediaorleans_transcodes_total"));
        Assert.Equal(1, after.Since(before, "mediaorleans_transcode_duration_seconds_count"));
        // The tone is 3 s of 8 kHz 16-bit mono: 3 s of audio transcoded, whatever the rate.
        Assert.Equal(AudioFiles.WavData(wav).Length / 16000.0, after.Since(before, "mediaorleans_transcode_audio_seconds_total"), 3);
        Assert.Equal(1, after.Since(before, "mediaorleans_cache_misses_total", ("tier", "transcoded")));
        Assert.Equal(3, after.Since(before, "mediaorleans_playback_requests_total", Http, Media, ("status", "200")));
        Assert.True(after.Sum("mediaorleans_cache_size_bytes", ("tier", "grains")) >= wav.Length);
        Assert.True(after.Sum("mediaorleans_cache_size_bytes", ("tier", "transcoded")) > wav.Length);
    }

    [SkippableFact]
    public async Task AHundredDistinctItemsPlayed_AddNoSeries_AndNoLabelNamesAnItem()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        using var http = new HttpClient { Timeout = ClientTimeout };
        var names = Enumerable.Range(0, 100).Select(i => $"cardinality/item-{i:D3}").ToArray();
        var urls = new List<string>();
        foreach (var name in names)
        {
            Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
            urls.Add(await fixture.Api.StreamUrlAsync(name));
        }

        // The first play makes every series a play can make (and a scrape has made the scrape's
        // own); the 99 others may only add to them.
        await MetricsScrape.ReadAsync(fixture.Silo);
        Assert.Equal(wav, await http.GetByteArrayAsync(new Uri(urls[0])));
        var first = await MetricsScrape.ReadAsync(fixture.Silo);
        foreach (var url in urls.Skip(1))
        {
            Assert.Equal(wav, await http.GetByteArrayAsync(new Uri(url)));
        }

        var last = await MetricsScrape.ReadAsync(fixture.Silo);

        Assert.Equal(99, last.Since(first, "mediaorleans_playback_requests_total", Http, Media, ("status", "200")));
        Assert.Equal(Keys(first), Keys(last));
        Assert.DoesNotContain(last.All, s => s.Labels.Values.Any(value => value.Contains("cardinality", StringComparison.Ordinal)
                                                                        || value.Contains("item-", StringComparison.Ordinal)));
    }

    // The series a play can add: this meter's, and ASP.NET Core's and Kestrel's per request.
    private static IReadOnlyList<string> Keys(MetricsScrape scrape) =>
    [
        .. scrape.All.Where(s => s.Name.StartsWith("mediaorleans_", StringComparison.Ordinal)
                                 || s.Name.StartsWith("http_server_", StringComparison.Ordinal)
                                 || s.Name.StartsWith("kestrel_", StringComparison.Ordinal))
            .Select(s => s.Key).Order(StringComparer.Ordinal),
    ];

    // /m/<version>/<expires>/<signature>/<name>: another signature, same length.
    private static string WithForgedSignature(string url)
    {
        var uri = new Uri(url);
        var parts = uri.AbsolutePath.Split('/');
        parts[4] = new string('A', parts[4].Length);
        return new UriBuilder(uri) { Path = string.Join('/', parts) }.Uri.AbsoluteUri;
    }

    private async Task<MetricsScrape> WaitForAsync(Func<MetricsScrape, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await MetricsScrape.ReadAsync(fixture.Silo);
            if (condition(scrape))
            {
                return scrape;
            }

            Assert.True(DateTime.UtcNow < deadline, $"never saw {what}\n{fixture.Silo.Output}");
            await Task.Delay(100);
        }
    }

    private Task<System.Text.Json.JsonElement> WaitForStateAsync(string name, string state) =>
        fixture.Api.WaitForRecordingStateAsync(name, state, () => fixture.Silo.Output);
}
