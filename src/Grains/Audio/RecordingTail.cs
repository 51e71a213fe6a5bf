namespace MediaOrleans.Grains.Audio;

/// <summary>Decodes the end of a recording's MP3 to measure its trailing silence.</summary>
public static class RecordingTail
{
    /// <summary>
    /// Trailing silence of <paramref name="tail"/> (the last bytes of an MP3 stream, possibly cut
    /// mid-frame at the front), or <c>null</c> when no audio could be decoded from it.
    /// </summary>
    public static long? TrailingSilenceMs(byte[] tail)
    {
        var start = FirstFrame(tail);
        if (start < 0)
        {
            return null;
        }

        try
        {
            // NLayer whatever decoder playback uses: only levels are measured here, and its
            // MPEG-2.5 defect garbles transients, not silence.
            var audio = NLayerMp3Decoder.Instance.Decode(tail[start..]);
            return audio.Samples.Length == 0 ? null : SilenceDetector.TrailingSilenceMs(audio);
        }
#pragma warning disable CA1031 // Whatever a damaged tail does to the decoder, the recording stays complete without this figure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    // First offset holding two consecutive frame headers of one stream.
    private static int FirstFrame(ReadOnlySpan<byte> mp3)
    {
        for (var i = Math.Min(mp3.Length, (int)Mp3Inspector.Id3v2Length(mp3)); i + Mp3FrameHeader.Size <= mp3.Length; i++)
        {
            if (Mp3FrameHeader.TryParse(mp3[i..], out var header))
            {
                var next = i + header.FrameLength;
                if (next == mp3.Length || (next + Mp3FrameHeader.Size <= mp3.Length
                    && Mp3FrameHeader.TryParse(mp3[next..], out var following) && following.IsSameStream(header)))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
