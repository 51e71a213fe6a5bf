using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Shout;

/// <summary>
/// Recordings made with each real source client arrive byte-exact, wrong credentials store
/// nothing, and a finished recording plays back over SHOUT and decodes with mpg123.
/// </summary>
public sealed class ShoutIngestTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    public static TheoryData<string> Clients => ["shout", "modshout", "modshout-no-tls", "ffmpeg-put", "ffmpeg-legacy-source"];

    [SkippableTheory]
    [MemberData(nameof(Clients))]
    public async Task Recording_FromRealSourceClient_ArrivesByteExact(string client)
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await AllocateAsync();

        var result = await RunClientAsync(client, url, mp3);

        Assert.True(result.ExitCode == 0, $"{client} failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        var recording = await WaitForStateAsync(name, "complete");
        Assert.Equal(new FileInfo(mp3).Length, recording.GetProperty("bytes").GetInt64());
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await FetchAsync(recording.GetProperty("playbackUrl").GetString()!));
    }

    [SkippableTheory]
    [MemberData(nameof(Clients))]
    public async Task Recording_WithWrongPassword_ClientFailsAndNothingIsStored(string client)
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await AllocateAsync();

        var result = await RunClientAsync(client, url.WithPassword("wrong-password"), mp3);

        // ffmpeg's legacy SOURCE mode sends the body without waiting for the reply, so only
        // the other clients are sure to report the refusal; none may store anything.
        if (client != "ffmpeg-legacy-source")
        {
            Assert.NotEqual(0, result.ExitCode);
        }

        var (_, recording) = await fixture.Api.GetRecordingAsync(name);
        Assert.Equal("allocated", recording.GetProperty("state").GetString());
        Assert.Equal(0, recording.GetProperty("bytes").GetInt64());
    }

    [SkippableFact]
    public async Task StoredRecording_PlaysOverShoutAndDecodesWithMpg123()
    {
        Requirements.Tools("curl", "mpg123");
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await AllocateAsync();
        var sent = await SourceClients.ModShoutAsync(url, mp3);
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        await WaitForStateAsync(name, "complete");

        var (storeStatus, media) = await fixture.Api.StoreRecordingAsync(name, "voicemail/vmbox-1/message-1");
        Assert.Equal(200, storeStatus);
        Assert.Equal("mp3", media.GetProperty("codec").GetString());
        Assert.Equal("stored", (await WaitForStateAsync(name, "stored")).GetProperty("state").GetString());

        var shoutUrl = await fixture.Api.StreamUrlAsync("voicemail/vmbox-1/message-1");
        Assert.StartsWith($"shout://127.0.0.1:{fixture.Silo.ShoutPort}/", shoutUrl, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await FetchAsync(shoutUrl));

        // mod_shout rewrites shout:// to http:// and reads with libcurl into mpg123.
        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf -A 'FreeSWITCH(mod_shout)/1.0' '{HttpForm(shoutUrl)}' | mpg123 -q -s -", TimeSpan.FromSeconds(60));
        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        Assert.InRange(pcm.Stdout.Length, Pcm.MinBytes3s8k, Pcm.MaxBytes3s8k);
    }

    [SkippableFact]
    public async Task CompleteRecording_ReportsAudioDurationAndTrailingSilence()
    {
        var mp3 = await AudioFiles.ToneThenSilence8kMp3Async();
        var (name, url) = await AllocateAsync();

        var sent = await SourceClients.FfmpegAsync(url, mp3);

        Assert.True(sent.ExitCode == 0, sent.Stderr);
        var recording = await WaitForStateAsync(name, "complete");
        // 4 s of audio plus LAME's delay and padding (at most three 72 ms frames).
        Assert.InRange(recording.GetProperty("durationMs").GetInt64(), 4000, 4000 + (3 * 72));
        Assert.InRange(recording.GetProperty("trailingSilenceMs").GetInt64(), 1800, 2000 + (3 * 72));
    }

    [SkippableFact]
    public async Task SecondSource_WhileFirstIsReceiving_IsRefused()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await AllocateAsync();
        var first = SourceClients.ShoutCliAsync(url, mp3);
        await WaitForStateAsync(name, "receiving");

        var second = await SourceClients.ModShoutAsync(url, await AudioFiles.Other8kMp3Async());

        Assert.NotEqual(0, second.ExitCode);
        Assert.Equal(0, (await first).ExitCode);
        var recording = await WaitForStateAsync(name, "complete");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await FetchAsync(recording.GetProperty("playbackUrl").GetString()!));
    }

    [SkippableFact]
    public async Task FinishedRecording_RefusesAnotherSource()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await AllocateAsync();
        Assert.Equal(0, (await SourceClients.ModShoutAsync(url, mp3, tlsDisabled: true)).ExitCode);
        await WaitForStateAsync(name, "complete");

        var again = await SourceClients.ModShoutAsync(url, await AudioFiles.Other8kMp3Async(), tlsDisabled: true);

        Assert.NotEqual(0, again.ExitCode);
        var (_, recording) = await fixture.Api.GetRecordingAsync(name);
        Assert.Equal(new FileInfo(mp3).Length, recording.GetProperty("bytes").GetInt64());
    }

    private static Task<ProcessResult> RunClientAsync(string client, ShoutUrl url, string mp3) => client switch
    {
        "shout" => SourceClients.ShoutCliAsync(url, mp3),
        "modshout" => SourceClients.ModShoutAsync(url, mp3),
        "modshout-no-tls" => SourceClients.ModShoutAsync(url, mp3, tlsDisabled: true),
        "ffmpeg-put" => SourceClients.FfmpegAsync(url, mp3),
        "ffmpeg-legacy-source" => SourceClients.FfmpegAsync(url, mp3, legacy: true),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    private async Task<(string Name, ShoutUrl Url)> AllocateAsync()
    {
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        Assert.Equal(201, status);
        return (allocation.GetProperty("name").GetString()!, ShoutUrl.Parse(allocation.GetProperty("url").GetString()!));
    }

    private Task<System.Text.Json.JsonElement> WaitForStateAsync(string name, string state) =>
        fixture.Api.WaitForRecordingStateAsync(name, state, () => fixture.Silo.Output);

    private static async Task<byte[]> FetchAsync(string shoutUrl)
    {
        Requirements.Tools("curl");
        var result = await ProcessRunner.BashAsync($"curl -sf '{HttpForm(shoutUrl)}'", TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"curl {shoutUrl}: {result.ExitCode} {result.Stderr}");
        return result.Stdout;
    }

    private static string HttpForm(string shoutUrl) => "http://" + shoutUrl["shout://".Length..];
}
