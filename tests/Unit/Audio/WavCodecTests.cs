using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed class WavCodecTests
{
    [Fact]
    public void DecodeThenWrite_Pcm16_GivesTheSameSamples()
    {
        var wav = WavBuilder.PcmFile(8000, 1, 16, 800);
        for (var i = 44; i < wav.Length; i++)
        {
            wav[i] = (byte)(i * 37);
        }

        var again = WavCodec.ToPcm16Wav(WavCodec.Decode(wav));

        Assert.Equal(WavInspector.Inspect(wav), WavInspector.Inspect(again));
        Assert.Equal(wav[^1600..], again[^1600..]);
    }

    [Fact]
    public void ToPcm16Wav_WritesCanonicalHeaderAndClips()
    {
        var wav = WavCodec.ToPcm16Wav(new PcmAudio([0f, 1f, -1f, 2f, 0.5f, -0.25f], 16000, 2));

        Assert.Equal(WavCodec.HeaderBytes + 12, wav.Length);
        Assert.Equal(16000, WavInspector.Inspect(wav).SampleRate);
        var samples = Enumerable.Range(0, 6).Select(i => BitConverter.ToInt16(wav, WavCodec.HeaderBytes + (2 * i))).ToArray();
        Assert.Equal(new short[] { 0, 32767, -32768, 32767, 16384, -8192 }, samples);
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    public void Mulaw_KnownCodes_ExpandToG711Values(byte code, int linear)
    {
        Assert.Equal(linear / 32768f, G711.Mulaw(code));
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void Alaw_KnownCodes_ExpandToG711Values(byte code, int linear)
    {
        Assert.Equal(linear / 32768f, G711.Alaw(code));
    }
}
