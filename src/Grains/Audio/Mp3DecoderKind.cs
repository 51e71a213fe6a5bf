namespace MediaOrleans.Grains.Audio;

/// <summary>Which MP3 decoder a silo uses (<c>Media:Audio:Decoder</c>).</summary>
public enum Mp3DecoderKind
{
    /// <summary>libmpg123 when it loads, NLayer otherwise (default).</summary>
    Auto,

    /// <summary>libmpg123, or the silo does not start.</summary>
    Mpg123,

    /// <summary>NLayer, managed; mis-decodes MPEG-2.5 short blocks (8 kHz transients).</summary>
    NLayer,
}
