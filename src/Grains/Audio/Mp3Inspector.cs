using System.Buffers.Binary;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Walks an MP3 file frame by frame: skips ID3v2 (front) and APEv2/ID3v1 (back) tags, ignores a
/// Xing/Info/VBRI header frame (decoders play it as nothing), and requires consecutive frames of
/// one stream. Accepts CBR and VBR; a file that is mostly garbage is refused.
/// </summary>
public static class Mp3Inspector
{
    /// <summary>Garbage tolerated between frames before the file is refused, in bytes.</summary>
    private const int MaxJunkBytes = 4096;

    /// <summary>Describes <paramref name="mp3"/> or throws <see cref="MediaRejectedException"/>.</summary>
    public static AudioFormat Inspect(ReadOnlySpan<byte> mp3)
    {
        var frames = AudioFrames(mp3);
        var stream = frames[0].Header;
        long samples = 0, audioBytes = 0;
        foreach (var (_, header) in frames)
        {
            samples += header.SamplesPerFrame;
            audioBytes += header.FrameLength;
        }

        var durationMs = samples * 1000 / stream.SampleRate;
        var bitrate = (int)(audioBytes * 8 * stream.SampleRate / samples);
        return new AudioFormat("mp3", stream.SampleRate, stream.Channels, durationMs, bitrate);
    }

    /// <summary>
    /// The complete audio frames of <paramref name="mp3"/> in order (tags, junk, a Xing/Info frame
    /// and a last frame cut short left out), or <see cref="MediaRejectedException"/> if it has none
    /// or too much that is not a frame.
    /// </summary>
    public static List<(int Offset, Mp3FrameHeader Header)> AudioFrames(ReadOnlySpan<byte> mp3)
    {
        var position = SkipId3v2(mp3);
        var end = TrimTrailingTags(mp3);
        var frames = new List<(int, Mp3FrameHeader)>();
        Mp3FrameHeader? first = null;
        var junk = 0;
        var seen = 0;
        while (position + Mp3FrameHeader.Size <= end)
        {
            if (!Mp3FrameHeader.TryParse(mp3[position..end], out var header)
                || (first is { } f && !f.IsSameStream(header))
                || (seen == 0 && !FollowedByFrameOrEnd(mp3[..end], position, header)))
            {
                if (++junk > MaxJunkBytes)
                {
                    throw Invalid(seen == 0 ? "no MPEG Layer III frames found" : $"unreadable data after frame {seen}");
                }

                position++;
                continue;
            }

            if (position + header.FrameLength > end)
            {
                // A last frame cut short: decoders drop it, so do we.
                break;
            }

            first ??= header;
            if (!(seen == 0 && IsInfoFrame(mp3.Slice(position, header.FrameLength), header)))
            {
                frames.Add((position, header));
            }

            seen++;
            position += header.FrameLength;
        }

        return frames.Count > 0 ? frames : throw Invalid("no complete MPEG Layer III audio frame found");
    }

    /// <summary>The offset just past a leading ID3v2 tag (10-byte header, syncsafe size, optional footer).</summary>
    public static int SkipId3v2(ReadOnlySpan<byte> mp3) => (int)Math.Min(mp3.Length, Id3v2Length(mp3));

    /// <summary>
    /// The full length of the ID3v2 tag whose 10-byte header starts <paramref name="header"/>, or 0
    /// if there is none. Needs only the header, so a streamed item can be trimmed without reading the tag.
    /// </summary>
    public static long Id3v2Length(ReadOnlySpan<byte> header)
    {
        if (header.Length < 10 || !header[..3].SequenceEqual("ID3"u8))
        {
            return 0;
        }

        var size = (header[6] & 0x7F) << 21 | (header[7] & 0x7F) << 14 | (header[8] & 0x7F) << 7 | (header[9] & 0x7F);
        var footer = (header[5] & 0x10) != 0 ? 10 : 0;
        return 10L + size + footer;
    }

    /// <summary>Whether <paramref name="last128"/> (the last 128 bytes of a file) is an ID3v1 tag.</summary>
    public static bool IsId3v1(ReadOnlySpan<byte> last128) => last128.Length == 128 && last128[..3].SequenceEqual("TAG"u8);

    private static int TrimTrailingTags(ReadOnlySpan<byte> mp3)
    {
        var end = mp3.Length >= 128 && IsId3v1(mp3[^128..]) ? mp3.Length - 128 : mp3.Length;
        return end - ApeTagLength(mp3[..end]);
    }

    // APEv2: a 32-byte footer "APETAGEX", version, size (items + footer), count, flags (bit 31: a
    // 32-byte header precedes the items).
    private static int ApeTagLength(ReadOnlySpan<byte> mp3)
    {
        if (mp3.Length < 32 || !mp3[^32..^24].SequenceEqual("APETAGEX"u8))
        {
            return 0;
        }

        var footer = mp3[^32..];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(footer[12..]);
        var hasHeader = (BinaryPrimitives.ReadUInt32LittleEndian(footer[20..]) & 0x8000_0000) != 0;
        var total = size + (hasHeader ? 32L : 0L);
        return total >= 32 && total <= mp3.Length ? (int)total : 0;
    }

    // A lone sync pattern inside garbage is common; a real first frame is followed by another
    // (or by the end of the file, or by a last frame too short to hold a header).
    private static bool FollowedByFrameOrEnd(ReadOnlySpan<byte> mp3, int position, in Mp3FrameHeader header)
    {
        var next = position + header.FrameLength;
        if (next <= mp3.Length && mp3.Length - next < Mp3FrameHeader.Size)
        {
            return true;
        }

        return next < mp3.Length && Mp3FrameHeader.TryParse(mp3[next..], out var following) && following.IsSameStream(header);
    }

    private static bool IsInfoFrame(ReadOnlySpan<byte> frame, in Mp3FrameHeader header)
    {
        var xing = Mp3FrameHeader.Size + (header.HasCrc ? 2 : 0) + header.SideInfoLength;
        if (frame.Length >= xing + 4)
        {
            var tag = frame.Slice(xing, 4);
            if (tag.SequenceEqual("Xing"u8) || tag.SequenceEqual("Info"u8))
            {
                return true;
            }
        }

        return frame.Length >= 40 && frame.Slice(36, 4).SequenceEqual("VBRI"u8);
    }

    private static MediaRejectedException Invalid(string why) =>
        new(MediaRejection.InvalidAudio, $"invalid MP3: {why}");
}
