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

    private async Task<(byte[] Wav, string Path)> UploadAsync(string name)
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
        return (wav, new Uri(await fixture.Api.StreamUrlAsync(name)).AbsolutePath);
    }
}
