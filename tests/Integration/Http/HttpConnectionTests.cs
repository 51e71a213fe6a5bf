using System.Globalization;
using System.Text;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Http;

/// <summary>
/// Connection handling on the HTTP port, where playback is served ahead of Kestrel's HTTP
/// pipeline: keep-alive across playback and admin requests, heads that arrive in pieces, HTTP/1.0.
/// </summary>
public sealed class HttpConnectionTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [SkippableFact]
    public async Task KeepAlive_PlaybackTwiceThenAdminRequest_AllAnsweredOnOneConnection()
    {
        var (wav, path) = await UploadAsync("prompts/keepalive");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        for (var i = 0; i < 2; i++)
        {
            await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: mod_httapi/1.0\r\n\r\n");
            var head = await connection.ReadHeadAsync();
            Assert.Equal(200, RawConnection.StatusOf(head));
            Assert.Equal(wav, await connection.ReadBodyAsync(int.Parse(RawConnection.HeaderOf(head, "Content-Length")!, System.Globalization.CultureInfo.InvariantCulture)));
        }

        await connection.SendAsync("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, RawConnection.StatusOf(await connection.ReadHeadAsync()));
    }

    [SkippableFact]
    public async Task PlaybackHeadInPieces_IsServed()
    {
        var (wav, path) = await UploadAsync("prompts/pieces");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync($"GET {path[..10]}");
        await Task.Delay(100);
        await connection.SendAsync($"{path[10..]} HTTP/1.1\r\nHo");
        await Task.Delay(100);
        await connection.SendAsync("st: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Equal(wav, await connection.ReadBodyAsync(wav.Length));
    }

    [SkippableFact]
    public async Task AdminRequestInPieces_IsAnsweredByTheApi()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync("GET /api/hea");
        await Task.Delay(100);
        await connection.SendAsync("lth HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Contains("application/json", head, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Http10WithoutKeepAlive_GetsConnectionCloseAndIsClosed()
    {
        var (wav, path) = await UploadAsync("prompts/http10");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync($"GET {path} HTTP/1.0\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Equal("close", RawConnection.HeaderOf(head, "Connection"));
        Assert.Equal(wav, await connection.ReadBodyAsync(wav.Length));
        Assert.True(await connection.ClosedByServerAsync());
    }

    [SkippableFact]
    public async Task KeepAlive_ApiThenPlaybackThenApiThenPlayback_EveryRequestRoutedOnItsOwn()
    {
        // A pooled HTTP client asks the admin API for a URL and fetches it on the same connection.
        var (wav, path) = await UploadAsync("prompts/pooled");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var health = await connection.ReadHeadAsync();
        Assert.Equal(200, RawConnection.StatusOf(health));
        Assert.Contains("\"status\":\"ok\"", Encoding.UTF8.GetString(await connection.ReadBodyOfAsync(health)), StringComparison.Ordinal);

        await AssertPlaysAsync(connection, path, wav);

        var ask = "{\"mediaName\":\"prompts/pooled\"}";
        await connection.SendAsync($"POST /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {ask.Length}\r\n\r\n{ask}");
        var streams = await connection.ReadHeadAsync();
        Assert.Equal(200, RawConnection.StatusOf(streams));
        using var answer = JsonDocument.Parse(await connection.ReadBodyOfAsync(streams));
        var url = new Uri(answer.RootElement.GetProperty("url").GetString()!);

        await AssertPlaysAsync(connection, url.AbsolutePath, wav);
        await connection.SendAsync($"HEAD {url.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();
        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Equal(wav.Length.ToString(CultureInfo.InvariantCulture), RawConnection.HeaderOf(head, "Content-Length"));
    }

    [SkippableFact]
    public async Task KeepAlive_AfterAnApiRequest_PlaybackAnswersAsTheFastPathDoes()
    {
        var (wav, path) = await UploadAsync("prompts/same-answer");
        await using var fast = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        await using var kestrel = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        await kestrel.SendAsync("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        await kestrel.ReadBodyOfAsync(await kestrel.ReadHeadAsync());

        var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        await fast.SendAsync(request);
        await kestrel.SendAsync(request);
        var fastHead = await fast.ReadHeadAsync();
        var kestrelHead = await kestrel.ReadHeadAsync();

        foreach (var name in new[] { "Content-Length", "Content-Type", "Accept-Ranges", "Cache-Control", "ETag", "Last-Modified" })
        {
            Assert.NotNull(RawConnection.HeaderOf(fastHead, name));
            Assert.Equal(RawConnection.HeaderOf(fastHead, name), RawConnection.HeaderOf(kestrelHead, name));
        }

        Assert.Equal(wav, await fast.ReadBodyAsync(wav.Length));
        Assert.Equal(wav, await kestrel.ReadBodyAsync(wav.Length));
    }

    [SkippableFact]
    public async Task PlaybackWithABody_IsServed()
    {
        var (wav, path) = await UploadAsync("prompts/with-body");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Equal(wav, await connection.ReadBodyOfAsync(head));
        await AssertPlaysAsync(connection, path, wav);
    }

    [SkippableTheory]
    [InlineData(9000, 1)]
    [InlineData(10, 65)]
    public async Task PlaybackWithAnOversizedHead_Answers431AndCloses(int valueLength, int headerCount)
    {
        var (_, path) = await UploadAsync($"prompts/oversized-{headerCount}");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        var headers = string.Concat(Enumerable.Range(0, headerCount).Select(i => $"X-Pad-{i}: {new string('a', valueLength)}\r\n"));

        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n");

        Assert.Equal(431, RawConnection.StatusOf(await connection.ReadHeadAsync()));
        Assert.True(await connection.ClosedByServerAsync());
    }

    [SkippableFact]
    public async Task PlaybackHeadLeftUnfinished_Answers408AfterTheHeadTimeout()
    {
        var (_, path) = await UploadAsync("prompts/slow-head");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        Assert.Equal(408, RawConnection.StatusOf(await connection.ReadHeadAsync(TimeSpan.FromSeconds(15))));
        Assert.True(await connection.ClosedByServerAsync());
    }

    private static async Task AssertPlaysAsync(RawConnection connection, string path, byte[] wav)
    {
        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();
        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Equal(wav, await connection.ReadBodyOfAsync(head));
    }

    private async Task<(byte[] Wav, string Path)> UploadAsync(string name)
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
        return (wav, new Uri(await fixture.Api.StreamUrlAsync(name)).AbsolutePath);
    }
}
