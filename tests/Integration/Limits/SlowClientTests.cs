using System.Net;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>
/// Slow clients are cut on both ports, ahead of Kestrel as well as in it: a head that does not
/// arrive in time, a keep-alive connection left idle after a playback, a playback reader, an
/// upload or a recording source under its data-rate floor, and a silent source. The silo runs
/// with short times and high floors (<see cref="StrictSiloFixture"/>) so each is seen in seconds.
/// </summary>
public sealed class SlowClientTests(StrictSiloFixture fixture) : IClassFixture<StrictSiloFixture>
{
    // Bounded waits: each cut is due within a few seconds; these only guard against a hang.
    private static readonly TimeSpan CutWithin = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task FastPath_KeepAliveConnectionIdleAfterAPlayback_IsClosed()
    {
        var (wav, path) = await UploadToneAsync("prompts/idle-after");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);

        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();
        Assert.Equal(200, RawConnection.StatusOf(head));
        Assert.Null(RawConnection.HeaderOf(head, "Connection"));
        Assert.Equal(wav, await connection.ReadBodyOfAsync(head));

        Assert.True(await connection.ClosedByServerAsync(CutWithin), "an idle keep-alive connection was never closed");
    }

    [SkippableFact]
    public async Task FastPath_HeadTrickledAByteAtATime_Answers408()
    {
        var (_, path) = await UploadToneAsync("prompts/trickled-head");
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {new string('a', 200)}\r\n\r\n");

        var deadline = DateTime.UtcNow + CutWithin;
        string? answer = null;
        for (var i = 0; i < request.Length && answer is null && DateTime.UtcNow < deadline; i++)
        {
            try
            {
                await connection.SendAsync(request[i..(i + 1)]);
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(100);
        }

        answer = await connection.ReadHeadAsync(CutWithin);
        Assert.Equal(408, RawConnection.StatusOf(answer));
    }

    [SkippableFact]
    public async Task FastPath_PlaybackReaderUnderTheFloor_IsCut()
    {
        // 8 MB of WAV: more than the socket buffers on both sides hold, so a reader that stops reading stalls the send.
        var wav = Wav(8000, 1, 16, 4_000_000);
        Assert.Equal(200, (await fixture.Api.UploadAsync("prompts/long", wav, "audio/wav")).Status);
        var path = new Uri(await fixture.Api.StreamUrlAsync("prompts/long")).AbsolutePath;
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort, IPAddress.Loopback, receiveBuffer: 4096);

        await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, RawConnection.StatusOf(await connection.ReadHeadAsync()));
        // Not reading while the floor (10 MB/s after a 2 s grace) runs out.
        await Task.Delay(TimeSpan.FromSeconds(8));

        var received = await connection.ReadToEndAsync(CutWithin);
        Assert.True(received < wav.Length, $"all {wav.Length} bytes arrived: the stalled reader was never cut");
    }

    [SkippableFact]
    public async Task Kestrel_UploadUnderTheFloor_IsCut()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort);
        await connection.SendAsync("PUT /api/media/prompts/trickle HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n" +
                                   "Content-Length: 1000000\r\n\r\n");

        using var stop = new CancellationTokenSource(CutWithin);
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await connection.SendAsync(new byte[100]);
                    await Task.Delay(500, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // Cut by the server, or stopped by the test.
            }
        });

        // Kestrel answers 408 to a body under its floor, or closes the connection.
        var head = await connection.ReadHeadAsync(CutWithin);
        await stop.CancelAsync();
        await trickle;
        Assert.True(head.Length == 0 || RawConnection.StatusOf(head) == 408,
            $"an upload trickling 200 B/s against a 100,000 B/s floor got: {head}");
        var (status, _) = await fixture.Api.GetMediaAsync("prompts/trickle");
        Assert.Equal(404, status);
    }

    [SkippableFact]
    public async Task Shout_SilentSource_EndsAsSilence()
    {
        var (name, url) = await AllocateAsync();
        await using var source = await OpenSourceAsync(url);

        await source.SendAsync(await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async()));
        var recording = await WaitForCompleteAsync(name);

        Assert.Equal("silence", recording.GetProperty("stoppedReason").GetString());
    }

    [SkippableFact]
    public async Task Shout_SourceUnderTheFloor_EndsAsTooSlow()
    {
        var (name, url) = await AllocateAsync();
        await using var source = await OpenSourceAsync(url);

        // 100 B/s against a 1,000 B/s floor, often enough never to be silent for the idle time.
        var deadline = DateTime.UtcNow + CutWithin;
        while (DateTime.UtcNow < deadline && (await fixture.Api.GetRecordingAsync(name)).Body.GetProperty("state").GetString() != "complete")
        {
            try
            {
                await source.SendAsync(new byte[50]);
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(500);
        }

        var recording = await WaitForCompleteAsync(name);
        Assert.Equal("too-slow", recording.GetProperty("stoppedReason").GetString());
    }

    [SkippableFact]
    public async Task Slowloris_HundredPerPort_AreCutWhileControlPlaysSucceed()
    {
        const int PerPort = 100;
        var (wav, httpPath) = await UploadToneAsync("prompts/control");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await fixture.Api.UploadAsync("prompts/control-mp3", mp3, "audio/mpeg")).Status);
        var shoutUrl = (await fixture.Api.StreamUrlAsync("prompts/control-mp3")).Replace("shout://", "http://", StringComparison.Ordinal);
        using var stop = new CancellationTokenSource(CutWithin);

        var slow = Enumerable.Range(0, PerPort)
            .SelectMany(_ => new[] { fixture.Silo.HttpPort, fixture.Silo.ShoutPort })
            .Select(port => Task.Run(() => SlowlorisAsync(port, stop.Token)))
            .ToList();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(wav, await http.GetByteArrayAsync(new Uri(fixture.Silo.HttpBase, httpPath)));
            Assert.Equal(mp3, await http.GetByteArrayAsync(shoutUrl));
            await Task.Delay(200);
        }

        var cut = await Task.WhenAll(slow);
        Assert.True(cut.All(c => c), $"{cut.Count(c => !c)} of {cut.Length} slow connections were never cut");
    }

    // An unfinished head, one more header line every half second; true once the silo cuts it.
    private static async Task<bool> SlowlorisAsync(int port, CancellationToken stop)
    {
        await using var connection = await RawConnection.OpenAsync(port);
        try
        {
            await connection.SendAsync("GET /m/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            var answer = connection.ReadHeadAsync(CutWithin);
            while (!answer.IsCompleted && !stop.IsCancellationRequested)
            {
                await connection.SendAsync("X-Slow: 1\r\n");
                await Task.WhenAny(answer, Task.Delay(500, stop));
            }

            return answer.IsCompleted;
        }
        catch (IOException)
        {
            return true;
        }
    }

    // A PUT source admitted with the recording's credentials: its body follows.
    private async Task<RawConnection> OpenSourceAsync(ShoutUrl url)
    {
        var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{url.User}:{url.Password}"));
        await connection.SendAsync($"PUT {url.Mount} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {credentials}\r\n" +
                                   "Content-Type: audio/mpeg\r\n\r\n");
        Assert.Equal(200, RawConnection.StatusOf(await connection.ReadHeadAsync()));
        return connection;
    }

    private async Task<(string Name, ShoutUrl Url)> AllocateAsync()
    {
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        Assert.Equal(201, status);
        return (allocation.GetProperty("name").GetString()!, ShoutUrl.Parse(allocation.GetProperty("url").GetString()!));
    }

    private async Task<System.Text.Json.JsonElement> WaitForCompleteAsync(string name)
    {
        var deadline = DateTime.UtcNow + CutWithin;
        while (true)
        {
            var (_, recording) = await fixture.Api.GetRecordingAsync(name);
            if (recording.GetProperty("state").GetString() == "complete")
            {
                return recording;
            }

            Assert.True(DateTime.UtcNow < deadline, $"recording {name} is {recording}, not complete\n{fixture.Silo.Output}");
            await Task.Delay(100);
        }
    }

    private async Task<(byte[] Wav, string Path)> UploadToneAsync(string name)
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
        return (wav, new Uri(await fixture.Api.StreamUrlAsync(name)).AbsolutePath);
    }

    /// <summary>A PCM WAV of silence.</summary>
    internal static byte[] Wav(int rate, int channels, int bits, int frames)
    {
        var data = frames * channels * bits / 8;
        using var wav = new MemoryStream();
        using var writer = new BinaryWriter(wav);
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(rate);
        writer.Write(rate * channels * bits / 8);
        writer.Write((short)(channels * bits / 8));
        writer.Write((short)bits);
        writer.Write("data"u8);
        writer.Write(data);
        writer.Write(new byte[data]);
        writer.Flush();
        return wav.ToArray();
    }
}
