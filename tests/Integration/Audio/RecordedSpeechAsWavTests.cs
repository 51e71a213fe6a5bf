using System.Globalization;
using MediaOrleans.Grains.Audio;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Audio;

/// <summary>
/// A voicemail as FreeSWITCH makes and plays it: speech recorded through mod_shout's libshout
/// calls (8 kHz mono MPEG-2.5 at 16 kbps), stored, then fetched as 8 kHz WAV with
/// <c>curl | sox</c> as mod_httapi and mod_http_cache do. The silo's decoder must give what
/// <c>mpg123 -s</c> gives for the same bytes: speech has the transients (plosives, onsets) that
/// make the encoder use short blocks, which a pure tone rarely does.
/// </summary>
public sealed class RecordedSpeechAsWavTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private const double MinSnrDb = 90;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<string>> Speech = new(CreateSpeechAsync);

    [SkippableFact]
    public async Task CurlSox_LibshoutRecordedSpeechAs8kWav_EqualsMpg123sPcm()
    {
        Requirements.Tools("curl", "sox", "mpg123", SourceClients.ModShoutClient);
        var mp3 = await Speech.Value;
        var (allocation, allocated) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 60 });
        Assert.Equal(201, allocation);
        var name = allocated.GetProperty("name").GetString()!;
        var sent = await SourceClients.ModShoutAsync(ShoutUrl.Parse(allocated.GetProperty("url").GetString()!), mp3);
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        await WaitForRecordingAsync(name, "complete");
        var (stored, _) = await fixture.Api.StoreRecordingAsync(name, "voicemail/vmbox-9/speech");
        Assert.Equal(200, stored);
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "voicemail/vmbox-9/speech", format = "wav", rate = 8000, protocol = "http" });
        Assert.Equal(200, status);

        var served = await ProcessRunner.BashAsync(
            $"curl -sf '{stream.GetProperty("url").GetString()}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", Timeout);
        var reference = await ProcessRunner.BashAsync(
            $"curl -sf '{await fixture.Api.StreamUrlAsync("voicemail/vmbox-9/speech", "http")}' | mpg123 -q -s -", Timeout);

        Assert.True(served.ExitCode == 0, served.Stderr);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var snr = Snr16(served.Stdout, reference.Stdout);
        // What the managed fallback would have served, for comparison.
        var nlayer = NLayerMp3Decoder.Instance.Decode(await File.ReadAllBytesAsync(mp3));
        output.WriteLine(
            $"served {served.Stdout.Length / 2} samples, mpg123 -s {reference.Stdout.Length / 2}: SNR {Db(snr)}; " +
            $"NLayer on the same bytes: {Db(Snr16(WavCodec.ToPcm16Wav(nlayer).AsSpan(WavCodec.HeaderBytes), reference.Stdout))}");
        Assert.Equal(reference.Stdout.Length, served.Stdout.Length);
        Assert.True(snr >= MinSnrDb, $"SNR {Db(snr)} against mpg123 -s");
    }

    [SkippableFact]
    public async Task ApiSilo_DefaultSetting_ReportsMpg123()
    {
        Requirements.Tools("mpg123");

        var (status, body) = await fixture.Api.GetAsync("api/silo");

        Assert.Equal(200, status);
        Assert.Equal("mpg123", body.GetProperty("decoder").GetString());
        Assert.Contains("MP3 decoder: mpg123 (Media:Audio:Decoder = Auto)", fixture.Silo.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ApiSilo_NLayerSetting_ReportsNLayer()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Media__Audio__Decoder"] = "nlayer" });
        using var api = new MediaApi(silo.HttpBase);

        var (status, body) = await api.GetAsync("api/silo");

        Assert.Equal(200, status);
        Assert.Equal("nlayer", body.GetProperty("decoder").GetString());
        Assert.Contains("MP3 decoder: nlayer (Media:Audio:Decoder = NLayer)", silo.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Start_UnknownDecoder_FailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloProcess.StartAsync(new Dictionary<string, string> { ["Media__Audio__Decoder"] = "ffmpeg" }));

        Assert.Contains("Media:Audio:Decoder", failure.Message, StringComparison.Ordinal);
    }

    private Task<System.Text.Json.JsonElement> WaitForRecordingAsync(string name, string state) =>
        fixture.Api.WaitForRecordingStateAsync(name, state, () => fixture.Silo.Output);

    private static string Db(double db) =>
        double.IsPositiveInfinity(db) ? "identical" : db.ToString("F1", CultureInfo.InvariantCulture) + " dB";

    /// <summary>SNR in dB of 16-bit little-endian <paramref name="actual"/> against <paramref name="reference"/>, over the samples both have.</summary>
    private static double Snr16(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> reference)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i + 1 < Math.Min(actual.Length, reference.Length); i += 2)
        {
            double r = (short)(reference[i] | reference[i + 1] << 8);
            double d = (short)(actual[i] | actual[i + 1] << 8) - r;
            signal += r * r;
            noise += d * d;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    /// <summary>
    /// About 8 s of synthetic speech (espeak-ng), at 8 kHz, encoded as mod_shout encodes a call:
    /// lame, 16 kbps mono, quality 2, no Info frame (a live stream has none).
    /// </summary>
    private static async Task<string> CreateSpeechAsync()
    {
        Requirements.Tools("espeak-ng", "sox", "lame");
        var folder = Directory.CreateTempSubdirectory("mediaorleans-speech-").FullName;
        var result = await ProcessRunner.BashAsync(
            $"""
            set -e
            cd '{folder}'
            espeak-ng -v en -s 150 -w speech.wav "Please leave your message after the tone. Press pound to skip, or star to start again. Thank you, goodbye."
            sox -R speech.wav -r 8000 -c 1 -b 16 speech8k.wav
            lame --quiet -t -m m -b 16 -q 2 speech8k.wav speech.mp3
            """, Timeout);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Path.Combine(folder, "speech.mp3");
    }
}
