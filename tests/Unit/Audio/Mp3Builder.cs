using System.Text;

namespace MediaOrleans.Tests.Audio;

/// <summary>Writes MPEG audio Layer III streams frame by frame (headers real, audio zeros).</summary>
internal static class Mp3Builder
{
    /// <summary>MPEG-2.5 Layer III, 16 kbps, 8 kHz, mono: what mod_shout records for 8 kHz calls (144-byte frames).</summary>
    public static readonly byte[] Mpeg25Mono8k = [0xFF, 0xE3, 0x28, 0xC4];

    /// <summary>MPEG-2 Layer III, 32 kbps, 16 kHz, mono (144-byte frames).</summary>
    public static readonly byte[] Mpeg2Mono16k = [0xFF, 0xF3, 0x48, 0xC4];

    /// <summary>MPEG-1 Layer III, 128 kbps, 44.1 kHz, stereo (417-byte frames).</summary>
    public static readonly byte[] Mpeg1Stereo44k = [0xFF, 0xFB, 0x90, 0x00];

    /// <summary>As <see cref="Mpeg1Stereo44k"/> with the padding bit (418-byte frames).</summary>
    public static readonly byte[] Mpeg1Stereo44kPadded = [0xFF, 0xFB, 0x92, 0x00];

    public const int Mpeg25FrameBytes = 144;
    public const int Mpeg2FrameBytes = 144;

    /// <summary>One frame of <paramref name="length"/> bytes starting with <paramref name="header"/>.</summary>
    public static byte[] Frame(byte[] header, int length)
    {
        var frame = new byte[length];
        header.CopyTo(frame, 0);
        return frame;
    }

    /// <summary><paramref name="count"/> identical frames.</summary>
    public static byte[] Frames(byte[] header, int length, int count) =>
        [.. Enumerable.Range(0, count).SelectMany(_ => Frame(header, length))];

    /// <summary><paramref name="count"/> 8 kHz frames as mod_shout sends them.</summary>
    public static byte[] Mpeg25Frames(int count) => Frames(Mpeg25Mono8k, Mpeg25FrameBytes, count);

    /// <summary>MPEG-1 frames alternating unpadded (417) and padded (418), starting unpadded.</summary>
    public static byte[] Mpeg1Frames(int count) =>
        [.. Enumerable.Range(0, count).SelectMany(i => i % 2 == 0 ? Frame(Mpeg1Stereo44k, 417) : Frame(Mpeg1Stereo44kPadded, 418))];

    /// <summary>A frame carrying a Xing or Info tag after its side information.</summary>
    public static byte[] TagFrame(byte[] header, int length, int sideInfoLength, string tag)
    {
        var frame = Frame(header, length);
        Encoding.ASCII.GetBytes(tag).CopyTo(frame, 4 + sideInfoLength);
        return frame;
    }

    /// <summary>An ID3v2.3 tag whose body is <paramref name="bodySize"/> bytes of <paramref name="fill"/>.</summary>
    public static byte[] Id3v2(int bodySize, byte fill = (byte)'A', bool footer = false) =>
        Id3v2([.. Enumerable.Repeat(fill, bodySize)], footer);

    /// <summary>An ID3v2.3 tag around <paramref name="body"/>; the size is written syncsafe (7 bits a byte).</summary>
    public static byte[] Id3v2(byte[] body, bool footer = false)
    {
        var length = body.Length;
        byte[] size = [(byte)((length >> 21) & 0x7F), (byte)((length >> 14) & 0x7F), (byte)((length >> 7) & 0x7F), (byte)(length & 0x7F)];
        byte[] header = [(byte)'I', (byte)'D', (byte)'3', 3, 0, (byte)(footer ? 0x10 : 0), .. size];
        byte[] tail = footer ? [(byte)'3', (byte)'D', (byte)'I', 3, 0, 0x10, .. size] : [];
        return [.. header, .. body, .. tail];
    }

    /// <summary>A 128-byte ID3v1 trailer.</summary>
    public static byte[] Id3v1()
    {
        var tag = new byte[128];
        Encoding.ASCII.GetBytes("TAGtitle of the recording").CopyTo(tag, 0);
        return tag;
    }

    /// <summary>An APEv2 tag (header, one binary item of <paramref name="itemBytes"/> bytes, footer).</summary>
    public static byte[] ApeV2(int itemBytes)
    {
        var item = new List<byte>();
        item.AddRange(BitConverter.GetBytes(itemBytes));
        item.AddRange(BitConverter.GetBytes(2));
        item.AddRange("Cover Art (Front)\0"u8.ToArray());
        item.AddRange(Enumerable.Repeat((byte)0x5A, itemBytes));
        byte[] Block(uint flags) =>
        [
            .. "APETAGEX"u8.ToArray(), .. BitConverter.GetBytes(2000), .. BitConverter.GetBytes(item.Count + 32),
            .. BitConverter.GetBytes(1), .. BitConverter.GetBytes(flags), .. new byte[8],
        ];
        return [.. Block(0xA0000000), .. item, .. Block(0x80000000)];
    }
}
