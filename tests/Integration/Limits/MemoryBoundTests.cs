using System.Text;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>
/// What a caller can make the silo allocate is bounded, on a 512 MiB heap where amplification
/// shows at once: an upload's claimed length costs nothing until its bytes arrive, an upload
/// over the limit is refused with the JSON 413 (by its Content-Length before its body is read,
/// or chunked as it passes the limit), and a transcode over the budget is refused before it runs.
/// </summary>
public sealed class MemoryBoundTests(SmallHeapSiloFixture fixture) : IClassFixture<SmallHeapSiloFixture>
{
    private const long MaxUploadBytes = 64L * 1024 * 1024;

    [SkippableFact]
    public async Task EightTrickledUploadsClaiming64MiB_DoNotMakeARealUploadFail()
    {
        var trickles = new List<RawConnection>();
        for (var i = 0; i < 8; i++)
        {
            var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
            await connection.SendAsync($"PUT /api/media/prompts/trickle-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n" +
                                       $"Content-Length: {MaxUploadBytes}\r\n\r\nRIFF");
            trickles.Add(connection);
        }

        // Give the silo time to take up all eight before the real upload arrives.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var (status, body) = await fixture.Api.UploadAsync("prompts/real", wav, "audio/wav");

        Assert.True(status == 200, $"{status}: {body}\n{fixture.Silo.Output}");
        // Eight claims of 64 MiB reserved up front are the whole 512 MiB heap: one of them, or
        // the real upload, would fail for memory.
        Assert.DoesNotContain("OutOfMemoryException", fixture.Silo.Output, StringComparison.Ordinal);
        foreach (var trickle in trickles)
        {
            await trickle.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task UploadWithContentLengthOverTheLimit_Gets413JsonBeforeItsBody()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync("PUT /api/media/prompts/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n" +
                                   $"Content-Length: {MaxUploadBytes + 1}\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(413, RawConnection.StatusOf(head));
        using var error = JsonDocument.Parse(await connection.ReadBodyOfAsync(head));
        Assert.Equal("too_large", error.RootElement.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task ChunkedUploadOverTheLimit_Gets413Json()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        await connection.SendAsync("PUT /api/media/prompts/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n" +
                                   "Transfer-Encoding: chunked\r\n\r\n");
        var chunk = Encoding.ASCII.GetBytes($"{1024 * 1024:x}\r\n").Concat(new byte[1024 * 1024]).Concat("\r\n"u8.ToArray()).ToArray();
        try
        {
            for (var sent = 0L; sent <= MaxUploadBytes; sent += 1024 * 1024)
            {
                await connection.SendAsync(chunk);
            }
        }
        catch (IOException)
        {
            // The silo answered and closed as soon as the body passed the limit.
        }

        var head = await connection.ReadHeadAsync();
        Assert.Equal(413, RawConnection.StatusOf(head));
        using var error = JsonDocument.Parse(await connection.ReadBodyOfAsync(head));
        Assert.Equal("too_large", error.RootElement.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task LowRateWavAskedForAtAHighRate_OverTheTranscodeBudget_Is422()
    {
        // 1 MB of 8-bit 1 kHz: 96 MB as 16-bit 48 kHz, over the 64 MiB budget.
        var wav = SlowClientTests.Wav(1000, 1, 8, 1_000_000);
        Assert.Equal(200, (await fixture.Api.UploadAsync("prompts/low-rate", wav, "audio/wav")).Status);

        var (status, body) = await fixture.Api.StreamAsync(new { mediaName = "prompts/low-rate", format = "wav", rate = 48000 });

        Assert.Equal(422, status);
        Assert.Equal("format_unavailable", body.GetProperty("error").GetString());
        Assert.Contains("transcode budget", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (within, _) = await fixture.Api.StreamAsync(new { mediaName = "prompts/low-rate", format = "wav", rate = 8000 });
        Assert.Equal(200, within);
    }
}
