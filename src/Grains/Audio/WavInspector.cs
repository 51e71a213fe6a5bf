using System.Buffers.Binary;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Reads a RIFF/WAVE header: PCM 8/16/24/32-bit, µ-law and A-law, mono or stereo, any sane rate.
/// The data chunk must be present and complete: a truncated file is refused, never served short.
/// </summary>
public static class WavInspector
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatAlaw = 0x0006;
    private const ushort FormatMulaw = 0x0007;
    private const ushort FormatExtensible = 0xFFFE;
    private const int MinSampleRate = 1000;
    private const int MaxSampleRate = 384_000;

    /// <summary>Describes <paramref name="wav"/> or throws <see cref="MediaRejectedException"/>.</summary>
    public static AudioFormat Inspect(ReadOnlySpan<byte> wav) => Read(wav).Format;

    /// <summary>
    /// Like <see cref="Inspect"/>, also saying where the samples are and how many bits each has.
    /// </summary>
    public static (AudioFormat Format, int DataOffset, int DataLength, int Bits) Read(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw Invalid("not a RIFF/WAVE file");
        }

        (ushort tag, int channels, int rate, int blockAlign, int bits)? fmt = null;
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = wav.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + size > wav.Length)
                {
                    throw Invalid("truncated fmt chunk");
                }

                fmt = ReadFormat(wav.Slice(body, (int)size));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (fmt is not { } f)
                {
                    throw Invalid("data chunk before fmt chunk");
                }

                if (size == 0)
                {
                    throw Invalid("the data chunk is empty");
                }

                if (size > (uint)(wav.Length - body))
                {
                    throw Invalid($"data chunk declares {size} bytes but only {wav.Length - body} are present");
                }

                return (Describe(f, size), body, (int)size, f.bits);
            }

            // Chunks are padded to an even length (RIFF rule).
            var next = (long)body + size + (size & 1);
            if (next > wav.Length)
            {
                break;
            }

            position = (int)next;
        }

        throw Invalid(fmt is null ? "no fmt chunk" : "no data chunk");
    }

    private static (ushort, int, int, int, int) ReadFormat(ReadOnlySpan<byte> chunk)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == FormatExtensible)
        {
            // WAVE_FORMAT_EXTENSIBLE: the real format tag opens the sub-format GUID.
            if (chunk.Length < 26)
            {
                throw Invalid("truncated extensible fmt chunk");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }

        return (tag, channels, rate, blockAlign, bits);
    }

    private static AudioFormat Describe((ushort Tag, int Channels, int Rate, int BlockAlign, int Bits) f, uint dataBytes)
    {
        var codec = f.Tag switch
        {
            FormatPcm when f.Bits is 8 or 16 or 24 or 32 => "pcm",
            FormatMulaw when f.Bits == 8 => "ulaw",
            FormatAlaw when f.Bits == 8 => "alaw",
            FormatPcm => throw Invalid($"{f.Bits}-bit PCM is not supported"),
            _ => throw Invalid($"WAV format tag 0x{f.Tag:X4} is not supported (PCM, u-law and A-law are)"),
        };

        if (f.Channels is < 1 or > 2)
        {
            throw Invalid($"{f.Channels} channels are not supported (mono and stereo are)");
        }

        if (f.Rate is < MinSampleRate or > MaxSampleRate)
        {
            throw Invalid($"sample rate {f.Rate} Hz is outside {MinSampleRate}-{MaxSampleRate} Hz");
        }

        var expectedAlign = f.Channels * (f.Bits / 8);
        if (f.BlockAlign != expectedAlign)
        {
            throw Invalid($"block align {f.BlockAlign} does not match {f.Channels} channel(s) of {f.Bits} bits");
        }

        var frames = dataBytes / (uint)expectedAlign;
        var durationMs = (long)(frames * 1000UL / (ulong)f.Rate);
        var bitrate = f.Rate * f.Channels * f.Bits;
        return new AudioFormat(codec, f.Rate, f.Channels, durationMs, bitrate);
    }

    private static MediaRejectedException Invalid(string why) =>
        new(MediaRejection.InvalidAudio, $"invalid WAV: {why}");
}
