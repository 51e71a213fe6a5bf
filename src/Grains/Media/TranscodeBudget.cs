using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// What one transcode may allocate, judged from the item's inspected audio before anything is
/// decoded: a short low-rate file asked for at a high rate (a 1 MB 8-bit 1 kHz WAV at 48 kHz
/// would be 96 MB) or a long one decoded whole must not take the silo's memory. The decoder is
/// held to the same sample bound as it goes, for MP3s whose frames say more than their header.
/// </summary>
public static class TranscodeBudget
{
    private const int WavHeaderBytes = 44;

    /// <summary>Bytes of the 16-bit WAV a transcode of <paramref name="audio"/> to <paramref name="rate"/> Hz makes.</summary>
    public static long OutputBytes(AudioFormat audio, int rate) =>
        WavHeaderBytes + ((long)Math.Ceiling(audio.DurationMs * (double)rate / 1000) * audio.Channels * sizeof(short));

    /// <summary>Samples (all channels) decoding <paramref name="audio"/> makes.</summary>
    public static long DecodedSamples(AudioFormat audio) =>
        (long)Math.Ceiling(audio.DurationMs * (double)audio.SampleRate / 1000) * audio.Channels;

    /// <summary>
    /// Why transcoding <paramref name="info"/> to <paramref name="variant"/> is over the budget of
    /// <paramref name="options"/>, or null when it is within it (or the audio is not inspected yet:
    /// the decoder's own bound then holds).
    /// </summary>
    public static string? Refusal(MediaInfo info, MediaVariant variant, TranscodeOptions options)
    {
        var audio = info.Audio;
        if (!audio.IsKnown)
        {
            return null;
        }

        var rate = variant.Rate == 0 ? audio.SampleRate : variant.Rate;
        var output = OutputBytes(audio, rate);
        if (output > options.MaxOutputBytes)
        {
            return $"'{info.Name}' as WAV at {rate} Hz would be {output} bytes, over the transcode budget of {options.MaxOutputBytes} bytes";
        }

        var decoded = DecodedSamples(audio);
        return decoded > options.MaxDecodedSamples
            ? $"'{info.Name}' decodes to {decoded} samples, over the transcode budget of {options.MaxDecodedSamples} samples"
            : null;
    }
}
