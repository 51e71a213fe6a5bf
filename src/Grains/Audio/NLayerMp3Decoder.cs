using NLayer;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// The managed fallback for machines without libmpg123: NLayer. The Xing/Info frame is removed
/// before decoding and gapless trimming is done here, the way mpg123 and ffmpeg do it: NLayer's own
/// trimming leaves out the decoder's 529-sample delay, so its output started 529 samples late.
/// NLayer 3.0.1 mis-decodes MPEG-2.5 short-block frames (Huffman region 1 starts at line 36
/// instead of 72), which garbles transients in 8 kHz recordings: prefer <see cref="Mpg123Mp3Decoder"/>.
/// </summary>
public sealed class NLayerMp3Decoder : IMp3Decoder
{
    /// <summary>The configured and reported name.</summary>
    public const string DecoderName = "nlayer";

    /// <summary>The one instance: the decoder holds no state.</summary>
    public static NLayerMp3Decoder Instance { get; } = new();

    /// <inheritdoc />
    public string Name => DecoderName;

    /// <summary>Decodes all of <paramref name="mp3"/>, however long (for input already bounded).</summary>
    public PcmAudio Decode(byte[] mp3) => Decode(mp3, Array.MaxLength);

    /// <inheritdoc />
    public PcmAudio Decode(byte[] mp3, int maxSamples)
    {
        var tag = LameTag.Find(mp3);
        var audio = DecodeFrames(tag is { } t ? mp3.AsMemory(t.InfoFrameEnd) : mp3, maxSamples);
        if (tag is not { HasGaplessInfo: true } gapless)
        {
            return audio;
        }

        var skip = gapless.EncoderDelay + LameTag.DecoderDelay;
        var keep = Math.Max(0, Math.Min(audio.Frames - gapless.EncoderDelay - gapless.EncoderPadding, audio.Frames - skip));
        return new PcmAudio(audio.Samples.AsSpan(skip * audio.Channels, keep * audio.Channels).ToArray(), audio.SampleRate, audio.Channels);
    }

    private static PcmAudio DecodeFrames(ReadOnlyMemory<byte> mp3, int maxSamples)
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
            if (total > maxSamples)
            {
                throw new InvalidDataException($"the stream decodes to more than {maxSamples} samples");
            }
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
