namespace MediaOrleans.Grains.Audio;

/// <summary>
/// A decoded MPEG audio Layer III frame header (MPEG-1, MPEG-2 and MPEG-2.5).
/// FreeSWITCH's mod_shout records 8 kHz calls as MPEG-2.5 16 kbps: 144-byte frames of 72 ms.
/// </summary>
public readonly record struct Mp3FrameHeader(
    int Version, // 10 = MPEG-1, 20 = MPEG-2, 25 = MPEG-2.5
    int Bitrate,
    int SampleRate,
    int Channels,
    bool HasCrc,
    int FrameLength,
    int SamplesPerFrame)
{
    /// <summary>Size of a frame header in bytes.</summary>
    public const int Size = 4;

    private static readonly int[] BitratesV1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] BitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] RatesV1 = [44100, 48000, 32000];

    /// <summary>Bytes of side information after the header (and CRC): where a Xing/Info tag sits.</summary>
    public int SideInfoLength => Version == 10 ? (Channels == 1 ? 17 : 32) : (Channels == 1 ? 9 : 17);

    /// <summary>Parses the four bytes at the start of <paramref name="bytes"/>; false if they are not a Layer III header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out Mp3FrameHeader header)
    {
        header = default;
        if (bytes.Length < Size || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (bytes[1] >> 3) & 0x3;
        var layerBits = (bytes[1] >> 1) & 0x3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 0x3;
        if (versionBits == 1 || layerBits != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            // Reserved version, not Layer III, free-format or bad bitrate, reserved rate.
            return false;
        }

        var version = versionBits switch { 3 => 10, 2 => 20, _ => 25 };
        var rate = RatesV1[rateIndex] / (version == 10 ? 1 : version == 20 ? 2 : 4);
        var bitrate = (version == 10 ? BitratesV1 : BitratesV2)[bitrateIndex] * 1000;
        var padding = (bytes[2] >> 1) & 0x1;
        var channels = (bytes[3] >> 6) == 3 ? 1 : 2;
        var samples = version == 10 ? 1152 : 576;
        var length = (samples / 8 * bitrate / rate) + padding;
        header = new Mp3FrameHeader(version, bitrate, rate, channels, (bytes[1] & 0x1) == 0, length, samples);
        return true;
    }

    /// <summary>Whether <paramref name="other"/> belongs to the same stream (same version, rate, channel count).</summary>
    public bool IsSameStream(in Mp3FrameHeader other) =>
        Version == other.Version && SampleRate == other.SampleRate && Channels == other.Channels;
}
