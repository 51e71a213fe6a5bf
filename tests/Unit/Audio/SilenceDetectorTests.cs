using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed class SilenceDetectorTests
{
    [Theory]
    [InlineData(1000, 0)]
    [InlineData(1000, 500)]
    [InlineData(200, 2000)]
    public void TrailingSilenceMs_ToneThenSilence_MeasuresTheSilence(int toneMs, int silenceMs)
    {
        var tone = ResamplerTests.Sine(440, 8000, toneMs / 1000.0, 1).Samples;
        var samples = new float[tone.Length + (silenceMs * 8)];
        tone.CopyTo(samples, 0);
        // Near-silence as mod_shout pads it: tiny noise well under the threshold.
        for (var i = tone.Length; i < samples.Length; i++)
        {
            samples[i] = (i % 7 - 3) / 32768f * 20;
        }

        var silence = SilenceDetector.TrailingSilenceMs(new PcmAudio(samples, 8000, 1));

        Assert.InRange(silence, silenceMs - 20, silenceMs);
    }

    [Fact]
    public void TrailingSilenceMs_AllSilent_IsTheWholeLength()
    {
        Assert.Equal(1000, SilenceDetector.TrailingSilenceMs(new PcmAudio(new float[16000], 16000, 1)));
    }
}
