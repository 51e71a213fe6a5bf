using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;
using MediaOrleans.Tests.Audio;
using MediaOrleans.Tests.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaOrleans.Tests.Grains;

public sealed class VariantTranscoderTests
{
    // 1 s of 8 kHz mono 16-bit PCM.
    private static readonly byte[] Wav = WavBuilder.PcmFile(8000, 1, 16, 8000);

    private static readonly VariantTranscoder Transcoder = new(Mp3Decoders.Create(Mp3DecoderKind.Auto), new TranscodeOptions(), TimeProvider.System, NullLogger.Instance);

    private static MediaInfo Stored(string contentType, byte[] content) =>
        new("prompts/hello", "v1", contentType, content.Length, DateTimeOffset.UnixEpoch, AudioFormat.Unknown);

    [Fact]
    public void Transcode_WavToAnotherRate_WritesPcm16WavOfTheSameDuration()
    {
        var wav = Transcoder.Transcode(Stored("audio/wav", Wav), Wav, new MediaVariant("wav", 16000));

        var (contentType, format) = AudioInspector.Inspect("audio/wav", wav!);
        Assert.Equal("audio/wav", contentType);
        Assert.Equal(new AudioFormat("pcm", 16000, 1, 1000, 256_000), format);
    }

    [Fact]
    public void Transcode_NoRateNamed_KeepsTheStoredRate()
    {
        var wav = Transcoder.Transcode(Stored("audio/wav", Wav), Wav, new MediaVariant("wav", 0));

        Assert.Equal(new AudioFormat("pcm", 8000, 1, 1000, 128_000), AudioInspector.Inspect("audio/wav", wav!).Format);
    }

    [Fact]
    public void Transcode_StoredMp3_IsDecodedAsMp3()
    {
        var mp3 = Mp3Builder.Mpeg25Frames(10);

        var wav = Transcoder.Transcode(Stored("audio/mpeg", mp3), mp3, new MediaVariant("wav", 8000));

        var (_, format) = AudioInspector.Inspect("audio/wav", wav!);
        Assert.Equal(8000, format.SampleRate);
        Assert.Equal("pcm", format.Codec);
    }

    [Fact]
    public void Transcode_LowRateWavAskedAtAHighRate_OverTheBudget_IsRefusedBeforeDecoding()
    {
        // 1 MB of 8-bit 1 kHz mono is 1,000 s: 96 MB as 16-bit 48 kHz, over the 64 MiB default.
        var wav = WavBuilder.PcmFile(1000, 1, 8, 1_000_000);
        var info = Stored("audio/wav", wav) with { Audio = AudioInspector.Inspect("audio/wav", wav).Format };

        Assert.Equal(96_000_044, TranscodeBudget.OutputBytes(info.Audio, 48000));
        Assert.Contains("over the transcode budget", TranscodeBudget.Refusal(info, new MediaVariant("wav", 48000), new TranscodeOptions()));
        Assert.Null(Transcoder.Transcode(info, wav, new MediaVariant("wav", 48000)));
        Assert.Null(TranscodeBudget.Refusal(info, new MediaVariant("wav", 8000), new TranscodeOptions()));
    }

    [Fact]
    public void Decode_Mp3DecodingToMoreThanTheBound_Throws()
    {
        var mp3 = Mp3Builder.Mpeg25Frames(50);

        foreach (var decoder in new IMp3Decoder[] { Mp3Decoders.Create(Mp3DecoderKind.Auto), NLayerMp3Decoder.Instance })
        {
            Assert.Throws<InvalidDataException>(() => decoder.Decode(mp3, 1000));
            Assert.True(decoder.Decode(mp3, 1_000_000).Samples.Length > 1000);
        }
    }

    [Fact]
    public void Transcode_BytesTheDecoderCannotRead_ReturnsNull()
    {
        byte[] garbage = [.. "RIFF but nothing like a wave file"u8];

        Assert.Null(Transcoder.Transcode(Stored("audio/wav", garbage), garbage, new MediaVariant("wav", 8000)));
    }

    [Fact]
    public void Transcode_UndecodableUpload_LogsOneWarningWithoutAStack()
    {
        // Anyone who may upload can send this as often as they like: an Error with a stack
        // trace each time would be a log flood.
        var logger = new CollectingLogger();
        var transcoder = new VariantTranscoder(Mp3Decoders.Create(Mp3DecoderKind.Auto), new TranscodeOptions(), TimeProvider.System, logger);
        byte[] garbage = [.. "RIFF but nothing like a wave file"u8];

        Assert.Null(transcoder.Transcode(Stored("audio/wav", garbage), garbage, new MediaVariant("wav", 8000)));
        Assert.Equal(1, logger.Count(LogLevel.Warning));
        Assert.Equal(0, logger.Count(LogLevel.Error));
        Assert.False(logger.AnyException);
    }
}
