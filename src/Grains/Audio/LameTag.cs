using System.Buffers.Binary;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// The Xing/Info frame at the start of an MP3 and its LAME extension, which records how many
/// samples the encoder added before (delay) and after (padding) the real audio. Gapless
/// decoders (mpg123, ffmpeg) drop those and the decoder's own 529-sample delay.
/// </summary>
public readonly record struct LameTag(int InfoFrameEnd, int EncoderDelay, int EncoderPadding, bool HasGaplessInfo)
{
    /// <summary>Delay of the MP3 synthesis filterbank in samples (ISO 11172-3; LAME's documentation).</summary>
    public const int DecoderDelay = 529;

    /// <summary>Finds the tag in the first frame after any ID3v2 tag, or returns null.</summary>
    public static LameTag? Find(ReadOnlySpan<byte> mp3)
    {
        var start = Mp3Inspector.SkipId3v2(mp3);
        if (!Mp3FrameHeader.TryParse(mp3[start..], out var header) || start + header.FrameLength > mp3.Length)
        {
            return null;
        }

        var frame = mp3.Slice(start, header.FrameLength);
        var xing = Mp3FrameHeader.Size + (header.HasCrc ? 2 : 0) + header.SideInfoLength;
        if (frame.Length < xing + 8 || !(frame.Slice(xing, 4).SequenceEqual("Xing"u8) || frame.Slice(xing, 4).SequenceEqual("Info"u8)))
        {
            return null;
        }

        // Optional fields by flag: frame count (4), byte count (4), TOC (100), quality (4).
        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(xing + 4, 4));
        var lame = xing + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
        var end = start + header.FrameLength;
        if (frame.Length < lame + 24 || !frame.Slice(lame, 4).SequenceEqual("LAME"u8))
        {
            return new LameTag(end, 0, 0, false);
        }

        // 12 bits of delay then 12 bits of padding, 21 bytes into the LAME extension.
        var delays = frame.Slice(lame + 21, 3);
        var delay = delays[0] << 4 | delays[1] >> 4;
        var padding = (delays[1] & 0x0F) << 8 | delays[2];
        return new LameTag(end, delay, padding, true);
    }
}
