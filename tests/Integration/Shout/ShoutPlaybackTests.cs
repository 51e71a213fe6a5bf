using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Shout;

/// <summary>mod_shout's read side: a libcurl GET of a shout:// URL rewritten to http://.</summary>
public sealed class ShoutPlaybackTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [SkippableFact]
    public async Task TaggedMp3_IsPlayedAsMp3FramesOnly()
    {
        Requirements.Tools("curl", "mpg123");
        var tagged = await File.ReadAllBytesAsync(await AudioFiles.Tagged8kMp3Async());
        Assert.Equal("ID3"u8.ToArray(), tagged[..3]);
        Assert.Equal("TAG"u8.ToArray(), tagged[^128..^125]);
        await fixture.Api.UploadAsync("prompts/tagged", tagged, "audio/mpeg");
        var url = await fixture.Api.StreamUrlAsync("prompts/tagged", protocol: "shout");

        var response = await ProcessRunner.BashAsync(
            $"curl -s -D /dev/stderr -A 'FreeSWITCH(mod_shout)/1.0' '{Http(url)}'", TimeSpan.FromSeconds(30));

        var id3v2Length = 10 + (tagged[6] << 21 | tagged[7] << 14 | tagged[8] << 7 | tagged[9]);
        Assert.StartsWith("HTTP/1.0 200 OK", response.Stderr, StringComparison.Ordinal);
        Assert.Contains("Content-Type: audio/mpeg", response.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("icy-metaint", response.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(tagged[id3v2Length..^128], response.Stdout);
        Assert.Equal(0xFF, response.Stdout[0]);
    }

    [SkippableFact]
    public async Task UntaggedMp3_IsPlayedByteForByte_AndHeadHasNoBody()
    {
        Requirements.Tools("curl");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await fixture.Api.UploadAsync("prompts/untagged", mp3, "audio/mpeg");
        var url = Http(await fixture.Api.StreamUrlAsync("prompts/untagged"));

        var body = await ProcessRunner.BashAsync($"curl -sf '{url}'", TimeSpan.FromSeconds(30));
        var head = await ProcessRunner.BashAsync($"curl -sI '{url}'", TimeSpan.FromSeconds(30));

        Assert.Equal(mp3, body.Stdout);
        Assert.Contains($"Content-Length: {mp3.Length}", head.StdoutText, StringComparison.Ordinal);
    }

    private static string Http(string shoutUrl) => "http://" + shoutUrl["shout://".Length..];
}
