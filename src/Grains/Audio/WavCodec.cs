using System.Buffers.Binary;

namespace MediaOrleans.Grains.Audio;

/// <summary>Reads WAV sample data to floats (PCM 8/16/24/32, µ-law, A-law) and writes 16-bit PCM WAV.</summary>
public static class WavCodec
{
    /// <summary>Bytes of the canonical 16-bit PCM header written by <see cref="ToPcm16Wav"/>.</summary>
    public const int HeaderBytes = 44;

    /// <summary>Decodes an inspected WAV (see <see cref="WavInspector"/>) to floats.</summary>
    public static PcmAudio Decode(byte[] wav)
    {
        var (format, offset, length, bits) = WavInspector.Read(wav);
        var data = wav.AsSpan(offset, length);
        var bytesPerSample = format.Codec == "pcm" ? bits / 8 : 1;
        var samples = new float[data.Length / bytesPerSample];
        for (var i = 0; i < samples.Length; i++)
        {
            var s = data.Slice(i * bytesPerSample, bytesPerSample);
            samples[i] = format.Codec switch
            {
                "ulaw" => G711.Mulaw(s[0]),
                "alaw" => G711.Alaw(s[0]),
                _ => bits switch
                {
                    8 => (s[0] - 128) / 128f,
                    16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                    24 => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608f,
                    _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
                },
            };
        }

        return new PcmAudio(samples, format.SampleRate, format.Channels);
    }

    /// <summary>A canonical 44-byte-header WAV of 16-bit PCM, clipping to the 16-bit range.</summary>
    public static byte[] ToPcm16Wav(PcmAudio audio)
    {
        var dataBytes = audio.Samples.Length * 2;
        var wav = new byte[HeaderBytes + dataBytes];
        var header = wav.AsSpan();
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)audio.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(audio.SampleRate * audio.Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(audio.Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
        var data = wav.AsSpan(HeaderBytes);
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            var scaled = Math.Clamp(MathF.Round(audio.Samples[i] * 32768f), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(data[(i * 2)..], (short)scaled);
        }

        return wav;
    }
}
