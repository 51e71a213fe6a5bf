namespace MediaOrleans.Grains.Audio;

/// <summary>ITU-T G.711 µ-law and A-law expansion to linear samples in [-1, 1].</summary>
public static class G711
{
    /// <summary>One µ-law byte as a linear sample.</summary>
    public static float Mulaw(byte encoded)
    {
        var u = ~encoded & 0xFF;
        var magnitude = ((u & 0x0F) << 3 | 0x84) << ((u & 0x70) >> 4);
        var linear = (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
        return linear / 32768f;
    }

    /// <summary>One A-law byte as a linear sample.</summary>
    public static float Alaw(byte encoded)
    {
        var a = encoded ^ 0x55;
        var exponent = (a & 0x70) >> 4;
        var mantissa = a & 0x0F;
        var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return ((a & 0x80) != 0 ? magnitude : -magnitude) / 32768f;
    }
}
