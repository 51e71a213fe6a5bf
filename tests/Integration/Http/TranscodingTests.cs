using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Http;

/// <summary>
/// Items served as WAV whatever they are stored as: an MP3 (or a WAV at another rate) asked as
/// WAV at 8 or 16 kHz plays through FreeSWITCH's curl | sox pipeline with the expected samples.
/// </summary>
public sealed class TranscodingTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [SkippableTheory]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task Mp3AskedAsWav_PlaysThroughCurlSoxAtThatRate(int rate)
    {
        Requirements.Tools("curl", "sox");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await fixture.Api.UploadAsync("prompts/transcoded", mp3, "audio/mpeg");
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "prompts/transcoded", format = "wav", rate, protocol = "http" });
        Assert.Equal(200, status);
        var url = stream.GetProperty("url").GetString()!;

        var head = await ProcessRunner.BashAsync($"curl -sI '{url}'", TimeSpan.FromSeconds(30));
        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf '{url}' | sox -t wav - -t raw -r {rate} -c 1 -e signed-integer -b 16 -", TimeSpan.FromSeconds(30));

        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        Assert.EndsWith(".wav", new Uri(url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Content-Type: audio/wav", head.StdoutText, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {pcm.Stdout.Length + 44}", head.StdoutText, StringComparison.Ordinal);
        // 3 s of audio plus the MP3 encoder's delay and padding (at most three 576-sample frames at 8 kHz).
        var frames = pcm.Stdout.Length / 2;
        Assert.InRange(frames, 3 * rate, (3 * rate) + (3 * 576 * rate / 8000));
        Assert.InRange(DominantFrequency(pcm.Stdout, rate), 430, 450);
    }

    [SkippableFact]
    public async Task WavAskedAtAnotherRate_HasExactlyTheResampledSampleCount()
    {
        Requirements.Tools("curl", "sox");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/resampled", wav, "audio/wav");
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "prompts/resampled", rate = 16000 });
        Assert.Equal(200, status);

        var pcm = await ProcessRunner.BashAsync(
            $"curl -sf '{stream.GetProperty("url").GetString()}' | sox -t wav - -t raw -r 16000 -c 1 -e signed-integer -b 16 -",
            TimeSpan.FromSeconds(30));

        Assert.True(pcm.ExitCode == 0, pcm.Stderr);
        Assert.Equal(3 * 16000 * 2, pcm.Stdout.Length);
        Assert.InRange(DominantFrequency(pcm.Stdout, 16000), 430, 450);
    }

    [SkippableFact]
    public async Task WavAskedAtItsOwnRate_IsTheStoredItem()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/same-rate", wav, "audio/wav");

        var plain = await fixture.Api.StreamUrlAsync("prompts/same-rate");
        var (_, atOwnRate) = await fixture.Api.StreamAsync(new { mediaName = "prompts/same-rate", rate = 8000 });

        Assert.Equal(plain, atOwnRate.GetProperty("url").GetString());
    }

    [SkippableFact]
    public async Task WavAskedAsMp3OrAtUnsupportedRate_Is422()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        await fixture.Api.UploadAsync("prompts/no-mp3", wav, "audio/wav");

        Assert.Equal(422, (await fixture.Api.StreamAsync(new { mediaName = "prompts/no-mp3", format = "mp3" })).Status);
        Assert.Equal(422, (await fixture.Api.StreamAsync(new { mediaName = "prompts/no-mp3", rate = 12345 })).Status);
        Assert.Equal(422, (await fixture.Api.StreamAsync(new { mediaName = "prompts/no-mp3", protocol = "shout" })).Status);
    }

    // Sign changes of 16-bit little-endian mono PCM, with hysteresis so codec noise near zero
    // does not count, as a frequency in Hz between the first and the last change. Only the middle
    // 60 % is measured: the encoder's lead-in and the decoder's first and last frames are left out.
    private static double DominantFrequency(byte[] pcm, int rate)
    {
        pcm = pcm[(pcm.Length / 5 & ~1)..(pcm.Length * 4 / 5 & ~1)];
        const int threshold = 2000;
        var crossings = 0;
        int first = -1, last = -1;
        var positive = true;
        for (var i = 0; i + 1 < pcm.Length; i += 2)
        {
            var sample = (short)(pcm[i] | pcm[i + 1] << 8);
            if (positive ? sample < -threshold : sample > threshold)
            {
                positive = !positive;
                crossings++;
                first = first < 0 ? i / 2 : first;
                last = i / 2;
            }
        }

        return crossings < 3 ? 0 : (crossings - 1) / 2.0 / ((last - first) / (double)rate);
    }
}
