using System.Buffers.Binary;

namespace MediaOrleans.Fuzz;

/// <summary>Valid audio the mutations start from, made in code so the campaign needs no files.</summary>
public static class Samples
{
    /// <summary>A PCM WAV of a tone: <paramref name="seconds"/> at <paramref name="rate"/> Hz, 16-bit mono.</summary>
    public static byte[] ToneWav(int rate = 8000, double seconds = 1, int frequency = 440)
    {
        var samples = (int)(rate * seconds);
        var wav = new byte[44 + (samples * 2)];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / rate));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], value);
        }

        return wav;
    }

    /// <summary>
    /// <paramref name="frames"/> MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, mono, with empty
    /// side information (they decode as silence): 417 bytes each.
    /// </summary>
    public static byte[] SilentMp3(int frames = 40)
    {
        const int FrameLength = 417;
        var mp3 = new byte[frames * FrameLength];
        for (var i = 0; i < frames; i++)
        {
            mp3[i * FrameLength] = 0xFF;
            mp3[(i * FrameLength) + 1] = 0xFB;
            mp3[(i * FrameLength) + 2] = 0x90;
            mp3[(i * FrameLength) + 3] = 0xC4;
        }

        return mp3;
    }

    /// <summary>A WAV header with chosen fields, for header mutations: sizes, channels, rates, bits.</summary>
    public static byte[] WavWith(Random random, byte[] valid)
    {
        var wav = (byte[])valid.Clone();
        var span = wav.AsSpan();
        switch (random.Next(7))
        {
            case 0:
                BinaryPrimitives.WriteInt32LittleEndian(span[4..], Mutator.Pick(random, [0, -1, int.MaxValue, 36, wav.Length * 4]));
                break;
            case 1:
                BinaryPrimitives.WriteInt16LittleEndian(span[22..], Mutator.Pick<short>(random, [0, 2, 3, 8, 255, short.MaxValue, -1]));
                break;
            case 2:
                BinaryPrimitives.WriteInt32LittleEndian(span[24..], Mutator.Pick(random, [0, 1, 7999, 8001, 48000, 96000, 192000, 384000, int.MaxValue, -1]));
                break;
            case 3:
                BinaryPrimitives.WriteInt16LittleEndian(span[34..], Mutator.Pick<short>(random, [0, 1, 4, 8, 12, 24, 32, 64, -16]));
                break;
            case 4:
                BinaryPrimitives.WriteInt32LittleEndian(span[40..], Mutator.Pick(random, [0, 1, -1, int.MaxValue, wav.Length * 100]));
                break;
            case 5:
                BinaryPrimitives.WriteInt16LittleEndian(span[20..], Mutator.Pick<short>(random, [0, 2, 3, 6, 7, 0x11, -2]));
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(span[16..], Mutator.Pick(random, [0, 14, 18, 40, 1 << 20, -1]));
                break;
        }

        return random.Next(3) == 0 ? wav[..random.Next(wav.Length)] : wav;
    }
}
