using System.Buffers.Binary;
using System.Text;

namespace MediaOrleans.Tests.Audio;

/// <summary>Writes RIFF/WAVE files chunk by chunk, including malformed ones.</summary>
internal sealed class WavBuilder
{
    public const ushort Pcm = 1;
    public const ushort Float = 3;
    public const ushort Alaw = 6;
    public const ushort Mulaw = 7;
    public const ushort Extensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_* GUIDs after their first two bytes (the format tag).
    private static readonly byte[] SubFormatGuidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly List<byte> _chunks = [];

    /// <summary>A complete PCM file of <paramref name="frames"/> sample frames.</summary>
    public static byte[] PcmFile(int sampleRate, int channels, int bits, int frames) =>
        new WavBuilder().Format(Pcm, channels, sampleRate, bits).Data(frames * channels * bits / 8).Build();

    /// <summary>A 16-byte fmt chunk; <paramref name="blockAlign"/> defaults to the consistent value.</summary>
    public WavBuilder Format(ushort tag, int channels, int sampleRate, int bits, int? blockAlign = null)
    {
        var align = blockAlign ?? channels * bits / 8;
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", fmt);
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID names <paramref name="subFormat"/>.</summary>
    public WavBuilder ExtensibleFormat(ushort subFormat, int channels, int sampleRate, int bits)
    {
        var align = channels * bits / 8;
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, Extensible);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)bits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channels == 1 ? 0x4u : 0x3u);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), subFormat);
        SubFormatGuidTail.CopyTo(fmt.AsSpan(26));
        return Chunk("fmt ", fmt);
    }

    /// <summary>A data chunk of <paramref name="bytes"/> bytes, optionally declaring another size.</summary>
    public WavBuilder Data(int bytes, uint? declaredSize = null) =>
        Chunk("data", [.. Enumerable.Range(0, bytes).Select(i => (byte)(i * 7))], declaredSize);

    /// <summary>Any chunk; an odd-sized body gets the pad byte RIFF requires.</summary>
    public WavBuilder Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        _chunks.AddRange(Encoding.ASCII.GetBytes(id));
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, declaredSize ?? (uint)body.Length);
        _chunks.AddRange(size);
        _chunks.AddRange(body);
        if (body.Length % 2 == 1)
        {
            _chunks.Add(0);
        }

        return this;
    }

    /// <summary>The RIFF header and every chunk added so far.</summary>
    public byte[] Build()
    {
        var header = new byte[12];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(4 + _chunks.Count));
        "WAVE"u8.CopyTo(header.AsSpan(8));
        return [.. header, .. _chunks];
    }
}
