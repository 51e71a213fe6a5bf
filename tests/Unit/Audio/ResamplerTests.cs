using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Tests.Audio;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    [InlineData(44100, 8000)]
    [InlineData(8000, 44100)]
    [InlineData(22050, 16000)]
    public void Resample_Sine_MatchesIdealSineInPhaseWithExactLength(int from, int to)
    {
        var input = Sine(440, from, seconds: 1.0, channels: 1);

        var output = Resampler.Resample(input, to);

        Assert.Equal(to, output.SampleRate);
        Assert.Equal((int)Math.Round((double)input.Frames * to / from), output.Frames);
        // Edges carry the filter's ramp; the steady part must match the ideal signal closely.
        var ideal = Sine(440, to, seconds: 1.0, channels: 1);
        Assert.True(SnrDb(ideal.Samples, output.Samples, skip: to / 20) > 30, $"SNR {SnrDb(ideal.Samples, output.Samples, to / 20):F1} dB");
    }

    [Fact]
    public void Resample_Stereo_KeepsChannelsApart()
    {
        var left = Sine(440, 8000, 1.0, 1).Samples;
        var right = Sine(1000, 8000, 1.0, 1).Samples;
        var interleaved = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = right[i];
        }

        var output = Resampler.Resample(new PcmAudio(interleaved, 8000, 2), 16000);

        var outLeft = output.Samples.Where((_, i) => i % 2 == 0).ToArray();
        var outRight = output.Samples.Where((_, i) => i % 2 == 1).ToArray();
        Assert.True(SnrDb(Sine(440, 16000, 1.0, 1).Samples, outLeft, 800) > 30);
        Assert.True(SnrDb(Sine(1000, 16000, 1.0, 1).Samples, outRight, 800) > 30);
    }

    [Fact]
    public void Resample_SameRate_ReturnsInput()
    {
        var input = Sine(440, 8000, 0.1, 1);

        Assert.Same(input, Resampler.Resample(input, 8000));
    }

    internal static PcmAudio Sine(double hz, int rate, double seconds, int channels)
    {
        var frames = (int)(rate * seconds);
        var samples = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                samples[(i * channels) + c] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / rate));
            }
        }

        return new PcmAudio(samples, rate, channels);
    }

    internal static double SnrDb(float[] reference, float[] actual, int skip)
    {
        double signal = 0, noise = 0;
        for (var i = skip; i < Math.Min(reference.Length, actual.Length) - skip; i++)
        {
            signal += reference[i] * reference[i];
            var d = reference[i] - actual[i];
            noise += d * d;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-20));
    }
}
