using NAudio.Dsp;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Sample-rate conversion with NAudio's WDL resampler (windowed-sinc). The output always has
/// exactly <c>round(frames × to / from)</c> frames, so lengths are predictable.
/// </summary>
public static class Resampler
{
    /// <summary><paramref name="audio"/> at <paramref name="rate"/> frames per second.</summary>
    public static PcmAudio Resample(PcmAudio audio, int rate)
    {
        if (audio.SampleRate == rate)
        {
            return audio;
        }

        var channels = audio.Channels;
        var wanted = (int)Math.Round((double)audio.Frames * rate / audio.SampleRate);
        var output = new float[wanted * channels];
        var resampler = new WdlResampler();
        resampler.SetMode(true, 0, true, 64, 32);
        resampler.SetFilterParms();
        resampler.SetFeedMode(false);
        resampler.SetRates(audio.SampleRate, rate);

        var latency = (int)Math.Ceiling(resampler.GetCurrentLatency() * rate);
        var input = audio.Samples;
        var consumed = 0;
        var produced = 0;
        var skip = latency * channels;
        var block = new float[1024 * channels];
        while (produced < output.Length)
        {
            var framesOut = block.Length / channels;
            var needed = resampler.ResamplePrepare(framesOut, channels, out var inBuffer);
            var available = Math.Min(needed * channels, input.Length - consumed);
            input.AsSpan(consumed, Math.Max(0, available)).CopyTo(inBuffer);
            // Past the end, feed silence so the filter's tail comes out.
            inBuffer[Math.Max(0, available)..(needed * channels)].Clear();
            consumed += Math.Max(0, available);
            var got = resampler.ResampleOut(block, needed, framesOut, channels) * channels;
            var usable = block.AsSpan(0, got);
            var dropped = Math.Min(skip, usable.Length);
            usable = usable[dropped..];
            skip -= dropped;
            var take = Math.Min(usable.Length, output.Length - produced);
            usable[..take].CopyTo(output.AsSpan(produced));
            produced += take;
        }

        return new PcmAudio(output, rate, channels);
    }
}
