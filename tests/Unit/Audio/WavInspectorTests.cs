using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Audio;

public sealed partial class WavInspectorTests
{
    [Theory]
    [InlineData(8000, 1, 8, 4000, 500, 64_000)]
    [InlineData(8000, 1, 16, 8000, 1000, 128_000)]
    [InlineData(8000, 2, 16, 800, 100, 256_000)]
    [InlineData(16000, 1, 16, 16000, 1000, 256_000)]
    [InlineData(16000, 2, 8, 8000, 500, 256_000)]
    [InlineData(44100, 2, 16, 44100, 1000, 1_411_200)]
    [InlineData(44100, 1, 8, 22050, 500, 352_800)]
    [InlineData(44100, 1, 16, 100, 2, 705_600)]
    public void Inspect_Pcm_DescribesExactly(int rate, int channels, int bits, int frames, long durationMs, int bitrate)
    {
        var format = WavInspector.Inspect(WavBuilder.PcmFile(rate, channels, bits, frames));

        Assert.Equal(new AudioFormat("pcm", rate, channels, durationMs, bitrate), format);
    }

    [Theory]
    [InlineData(WavBuilder.Mulaw, "ulaw")]
    [InlineData(WavBuilder.Alaw, "alaw")]
    public void Inspect_G711_DescribesExactly(ushort tag, string codec)
    {
        var wav = new WavBuilder().Format(tag, 1, 8000, 8).Data(12_000).Build();

        Assert.Equal(new AudioFormat(codec, 8000, 1, 1500, 64_000), WavInspector.Inspect(wav));
    }

    [Fact]
    public void Inspect_EmptyDataChunk_Rejected()
    {
        var wav = new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Data(0).Build();

        var rejected = Assert.Throws<MediaRejectedException>(() => WavInspector.Inspect(wav));

        Assert.Equal(MediaRejection.InvalidAudio, rejected.Reason);
    }

    [Fact]
    public void Inspect_ExtensiblePcm_DescribedAsPcm()
    {
        var wav = new WavBuilder().ExtensibleFormat(WavBuilder.Pcm, 2, 48_000, 16).Data(48_000 * 4 / 2).Build();

        Assert.Equal(new AudioFormat("pcm", 48_000, 2, 500, 1_536_000), WavInspector.Inspect(wav));
    }

    [Fact]
    public void Inspect_OddSizedChunkBeforeData_SkipsPadByte()
    {
        var wav = new WavBuilder()
            .Format(WavBuilder.Pcm, 1, 8000, 16)
            .Chunk("LIST", [1, 2, 3])
            .Chunk("junk", [9])
            .Data(1600)
            .Build();

        Assert.Equal(new AudioFormat("pcm", 8000, 1, 100, 128_000), WavInspector.Inspect(wav));
    }

    [Fact]
    public void Inspect_ChunkBeforeFmt_Skipped()
    {
        var wav = new WavBuilder().Chunk("bext", new byte[602]).Format(WavBuilder.Pcm, 1, 16000, 16).Data(3200).Build();

        Assert.Equal(100, WavInspector.Inspect(wav).DurationMs);
    }

    [Fact]
    public void Inspect_BytesAfterData_Ignored()
    {
        var wav = new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Data(1600).Chunk("LIST", new byte[40]).Build();

        Assert.Equal(100, WavInspector.Inspect(wav).DurationMs);
    }

    [Fact]
    public void Inspect_PartialLastFrame_RoundedDown()
    {
        var wav = new WavBuilder().Format(WavBuilder.Pcm, 2, 8000, 16).Data(1603).Build();

        Assert.Equal(50, WavInspector.Inspect(wav).DurationMs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("RIFF")]
    [InlineData("RIFF\0\0\0\0WAV")]
    [InlineData("RIFX\0\0\0\0WAVEfmt ")]
    [InlineData("RIFF\0\0\0\0AVI fmt ")]
    [InlineData("ID3\u0003\0\0\0\0\0\0\u00FF\u00E3\u0028\u00C4")]
    [InlineData("<html><body>not audio</body></html>")]
    public void Inspect_NotRiffWave_Rejected(string text)
    {
        AssertRejected(System.Text.Encoding.Latin1.GetBytes(text));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(35)]
    [InlineData(40)]
    [InlineData(43)]
    public void Inspect_TruncatedHeader_Rejected(int length)
    {
        AssertRejected(WavBuilder.PcmFile(8000, 1, 16, 100)[..length]);
    }

    [Fact]
    public void Inspect_TruncatedData_Rejected()
    {
        var wav = WavBuilder.PcmFile(8000, 1, 16, 100);

        AssertRejected(wav[..^1]);
    }

    [Fact]
    public void Inspect_DataSizeLargerThanBytesPresent_Rejected()
    {
        AssertRejected(new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Data(100, declaredSize: 200).Build());
        AssertRejected(new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Data(100, declaredSize: uint.MaxValue).Build());
    }

    [Fact]
    public void Inspect_NoFmtChunk_Rejected()
    {
        AssertRejected(new WavBuilder().Chunk("LIST", new byte[10]).Build());
        AssertRejected(new WavBuilder().Build());
    }

    [Fact]
    public void Inspect_DataBeforeFmt_Rejected()
    {
        AssertRejected(new WavBuilder().Data(1600).Format(WavBuilder.Pcm, 1, 8000, 16).Build());
    }

    [Fact]
    public void Inspect_NoDataChunk_Rejected()
    {
        AssertRejected(new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Chunk("LIST", new byte[10]).Build());
    }

    [Fact]
    public void Inspect_FmtChunkShorterThan16_Rejected()
    {
        AssertRejected(new WavBuilder().Chunk("fmt ", new byte[14]).Data(100).Build());
    }

    [Fact]
    public void Inspect_ChunkSizePastEnd_Rejected()
    {
        AssertRejected(new WavBuilder().Format(WavBuilder.Pcm, 1, 8000, 16).Chunk("LIST", new byte[10], declaredSize: 0xFFFFFFF0).Data(100).Build());
    }

    [Theory]
    [InlineData(WavBuilder.Pcm, 3, 8000, 16, null)]
    [InlineData(WavBuilder.Pcm, 0, 8000, 16, 2)]
    [InlineData(WavBuilder.Pcm, 6, 48000, 16, null)]
    [InlineData(WavBuilder.Pcm, 1, 8000, 12, 2)]
    [InlineData(WavBuilder.Pcm, 1, 8000, 4, 1)]
    [InlineData(WavBuilder.Pcm, 1, 8000, 0, 1)]
    [InlineData(WavBuilder.Float, 1, 8000, 32, null)]
    [InlineData(WavBuilder.Float, 2, 44100, 64, null)]
    [InlineData((ushort)2, 1, 8000, 4, 256)]
    [InlineData((ushort)0x55, 1, 8000, 16, null)]
    [InlineData(WavBuilder.Mulaw, 1, 8000, 16, null)]
    [InlineData(WavBuilder.Alaw, 1, 8000, 4, 1)]
    [InlineData(WavBuilder.Pcm, 2, 8000, 16, 2)]
    [InlineData(WavBuilder.Pcm, 1, 8000, 16, 4)]
    [InlineData(WavBuilder.Pcm, 1, 8000, 16, 0)]
    [InlineData(WavBuilder.Pcm, 1, 999, 16, null)]
    [InlineData(WavBuilder.Pcm, 1, 384_001, 16, null)]
    [InlineData(WavBuilder.Pcm, 1, -8000, 16, null)]
    public void Inspect_UnsupportedFormat_Rejected(ushort tag, int channels, int rate, int bits, int? blockAlign)
    {
        AssertRejected(new WavBuilder().Format(tag, channels, rate, bits, blockAlign).Data(1600).Build());
    }

    [Fact]
    public void Inspect_ExtensibleFloat_Rejected()
    {
        AssertRejected(new WavBuilder().ExtensibleFormat(WavBuilder.Float, 2, 48_000, 32).Data(1600).Build());
    }

    [Fact]
    public void Inspect_ExtensibleFmtTooShortForSubFormat_Rejected()
    {
        var fmt = new byte[18];
        fmt[0] = 0xFE;
        fmt[1] = 0xFF;
        fmt[2] = 1;
        fmt[4] = 0x40;
        fmt[5] = 0x1F;
        fmt[12] = 2;
        fmt[14] = 16;

        AssertRejected(new WavBuilder().Chunk("fmt ", fmt).Data(1600).Build());
    }

    private static void AssertRejected(byte[] wav)
    {
        var error = Assert.Throws<MediaRejectedException>(() => WavInspector.Inspect(wav));
        Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
        Assert.StartsWith("invalid WAV: ", error.Message, StringComparison.Ordinal);
    }
}
