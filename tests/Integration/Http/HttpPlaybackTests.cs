using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Http;

/// <summary>
/// The HTTP playback paths FreeSWITCH uses, driven by the clients that share its code:
/// curl | sox (mod_shell_stream), HEAD then GET (mod_httapi), one plain GET (mod_http_cache).
/// </summary>
public sealed class HttpPlaybackTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task CurlSox_UploadedWav_YieldsExactlyItsPcmSamples()
    {
        Requirements.Tools("curl", "sox");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync("system_media/vm-enter_pass", wav, "audio/wav")).Status);
        var url = await fixture.Api.StreamUrlAsync("system_media/vm-enter_pass");

        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf '{url}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", ClientTimeout);

        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        Assert.Equal(AudioFiles.WavData(wav), pcm.Stdout);
    }

    [SkippableFact]
    public async Task PlaybackUrl_NamesVersionAndEndsWithRealExtension()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var (_, media) = await fixture.Api.UploadAsync("prompts/url-shape", wav, "audio/x-wav");

        var url = new Uri(await fixture.Api.StreamUrlAsync("prompts/url-shape"));

        Assert.Equal("http", url.Scheme);
        Assert.Contains("/" + media.GetProperty("version").GetString() + "/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith("/prompts/url-shape.wav", url.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(url.Query);
    }

    [SkippableFact]
    public async Task HeadAndGet_AnswerIdenticalHeadersWithExactLengthTypeAndValidators()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/headers", wav, "audio/wav");
        var url = await fixture.Api.StreamUrlAsync("prompts/headers");

        var head = await CurlHeadersAsync($"-sI '{url}'");
        var get = await CurlHeadersAsync($"-s -D - -o /dev/null '{url}'");

        Assert.Equal("HTTP/1.1 200 OK", head.Status);
        Assert.Equal(get.Status, head.Status);
        Assert.Equal(Without(get.Headers, "date"), Without(head.Headers, "date"));
        Assert.Equal(wav.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), get.Headers["content-length"]);
        Assert.Equal("audio/wav", get.Headers["content-type"]);
        Assert.Matches("max-age=[1-9][0-9]*", get.Headers["cache-control"]);
        Assert.StartsWith("\"", get.Headers["etag"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(get.Headers["last-modified"], System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [SkippableFact]
    public async Task HttpCacheGet_BodyMatchesUploadByteForByte()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/cache-get", wav, "audio/wav");
        var url = await fixture.Api.StreamUrlAsync("prompts/cache-get");

        var body = await ProcessRunner.BashAsync($"curl -sf -A freeswitch-http-cache/1.0 '{url}'", ClientTimeout);

        Assert.Equal(0, body.ExitCode);
        Assert.Equal(wav, body.Stdout);
    }

    [SkippableFact]
    public async Task Mp3OverHttp_DecodesWithMpg123()
    {
        Requirements.Tools("curl", "mpg123");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await fixture.Api.UploadAsync("prompts/mp3-http", mp3, "audio/mpeg");
        var url = await fixture.Api.StreamUrlAsync("prompts/mp3-http", protocol: "http");

        var pcm = await ProcessRunner.BashAsync($"curl -sf '{url}' | mpg123 -q -s -", ClientTimeout);

        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        Assert.EndsWith(".mp3", new Uri(url).AbsolutePath, StringComparison.Ordinal);
        Assert.InRange(pcm.Stdout.Length, Pcm.MinBytes3s8k, Pcm.MaxBytes3s8k);
    }

    [SkippableFact]
    public async Task TamperedUrl_IsRefusedWith403AndEmptyBody()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/tamper", wav, "audio/wav");
        var url = await fixture.Api.StreamUrlAsync("prompts/tamper");
        var parts = url.Split('/');
        // http: / / host / m / version / expires / signature / name
        parts[5] = (long.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (status, length) = await StatusAndLengthAsync(string.Join('/', parts));

        Assert.Equal(403, status);
        Assert.Equal(0, length);
    }

    [SkippableFact]
    public async Task ReplacedMedia_GetsNewUrlWithNewBytes_AndUnplayedOldVersionAnswers404Empty()
    {
        Requirements.Tools("curl");
        var first = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var second = first.ToArray();
        second[^1] ^= 0x7F;
        await fixture.Api.UploadAsync("prompts/replaced", first, "audio/wav");
        var oldUrl = await fixture.Api.StreamUrlAsync("prompts/replaced");

        await fixture.Api.UploadAsync("prompts/replaced", second, "audio/wav");
        var newUrl = await fixture.Api.StreamUrlAsync("prompts/replaced");

        Assert.NotEqual(oldUrl, newUrl);
        var body = await ProcessRunner.BashAsync($"curl -sf '{newUrl}'", ClientTimeout);
        Assert.Equal(second, body.Stdout);
        Assert.Equal((404, 0L), await StatusAndLengthAsync(oldUrl));
    }

    [SkippableFact]
    public async Task UnknownPlaybackPath_Answers404Empty()
    {
        Requirements.Tools("curl");
        Assert.Equal((404, 0L), await StatusAndLengthAsync(new Uri(fixture.Silo.HttpBase, "m/not-a-playback-path").ToString()));
    }

    private static async Task<(int Status, long Length)> StatusAndLengthAsync(string url)
    {
        var result = await ProcessRunner.BashAsync($"curl -s -o /dev/null -w '%{{http_code}} %{{size_download}}' '{url}'", ClientTimeout);
        var fields = result.StdoutText.Split(' ');
        return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(string Status, Dictionary<string, string> Headers)> CurlHeadersAsync(string arguments)
    {
        var result = await ProcessRunner.BashAsync($"curl {arguments}", ClientTimeout);
        var lines = result.StdoutText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim());
        return (lines[0], headers);
    }

    private static SortedDictionary<string, string> Without(Dictionary<string, string> headers, string name) =>
        new(headers.Where(pair => pair.Key != name).ToDictionary());
}
