namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Decodes a whole MP3 (MPEG 1, 2 or 2.5 Layer III) to PCM the way the <c>mpg123</c> command
/// does by default: the Xing/Info frame is not audio, ID3v2, ID3v1 and APE tags are skipped, and
/// a LAME tag's encoder delay and padding are trimmed together with the decoder's own 529
/// samples, so the output is sample-aligned with what was encoded.
/// </summary>
public interface IMp3Decoder
{
    /// <summary>The decoder's name as configured and reported: <c>mpg123</c> or <c>nlayer</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Decodes all of <paramref name="mp3"/> at its own sample rate and channel count, into at
    /// most <paramref name="maxSamples"/> samples (all channels counted): a few bytes of MP3 can
    /// claim hours of audio, so the caller bounds what decoding may allocate.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The bytes hold no MPEG audio this decoder can read, or more than <paramref name="maxSamples"/> samples.
    /// </exception>
    PcmAudio Decode(byte[] mp3, int maxSamples);
}
