using NLayer;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Decodes MP3 (MPEG 1/2/2.5 Layer III) with NLayer. The Xing/Info frame is removed before
/// decoding and gapless trimming is done here, the way mpg123 and ffmpeg do it: NLayer's own
/// trimming leaves out the decoder's 529-sample delay, so its output started 529 samples late.
/// </summary>
public static class Mp3Decoder
{
    /// <summary>Decodes all of <paramref name="mp3"/>.</summary>
    public static PcmAudio Decode(byte[] mp3)
    {
        var tag = LameTag.Find(mp3);
        var audio = DecodeFrames(tag is { } t ? mp3.AsMemory(t.InfoFrameEnd) : mp3);
        if (tag is not { HasGaplessInfo: true } gapless)
        {
            return audio;
        }

        var skip = gapless.EncoderDelay + LameTag.DecoderDelay;
        var keep = Math.Max(0, Math.Min(audio.Frames - gapless.EncoderDelay - gapless.EncoderPadding, audio.Frames - skip));
        return new PcmAudio(audio.Samples.AsSpan(skip * audio.Channels, keep * audio.Channels).ToArray(), audio.SampleRate, audio.Channels);
    }

    private static PcmAudio DecodeFrames(ReadOnlyMemory<byte> mp3)
    {
        using var file = new MpegFile(new MemoryStream(mp3.ToArray(), writable: false));
        var blocks = new List<float[]>();
        var total = 0;
        var buffer = new float[16 * 1152];
        int read;
        while ((read = file.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            blocks.Add(buffer[..read]);
            total += read;
        }

        var all = new float[total];
        var offset = 0;
        foreach (var block in blocks)
        {
            block.CopyTo(all, offset);
            offset += block.Length;
        }

        return new PcmAudio(all, file.SampleRate, file.Channels);
    }
}
