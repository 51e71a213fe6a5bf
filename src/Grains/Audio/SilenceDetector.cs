namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Finds trailing near-silence, using FreeSWITCH's own rule for <c>record … 500 5</c>: a stretch
/// is silent when its mean absolute sample is below the threshold (500 on the 16-bit scale).
/// mod_shout pads underruns with near-silence, so voicemail can trim what this reports.
/// </summary>
public static class SilenceDetector
{
    /// <summary>FreeSWITCH's customary silence threshold, as a fraction of full scale.</summary>
    public const float DefaultThreshold = 500f / 32768f;

    /// <summary>Milliseconds of silence at the end of <paramref name="audio"/>, in 20 ms steps.</summary>
    public static long TrailingSilenceMs(PcmAudio audio, float threshold = DefaultThreshold)
    {
        var window = Math.Max(1, audio.SampleRate / 50) * audio.Channels;
        var silentWindows = 0L;
        for (var end = audio.Samples.Length; end >= window; end -= window)
        {
            var sum = 0f;
            foreach (var sample in audio.Samples.AsSpan(end - window, window))
            {
                sum += Math.Abs(sample);
            }

            if (sum / window >= threshold)
            {
                break;
            }

            silentWindows++;
        }

        return silentWindows * 20;
    }
}
