namespace MediaOrleans.Grains.Audio;

/// <summary>Picks the <see cref="IMp3Decoder"/> a <see cref="Mp3DecoderKind"/> names.</summary>
public static class Mp3Decoders
{
    /// <summary>
    /// Why <paramref name="kind"/> cannot be had, or null: only <see cref="Mp3DecoderKind.Mpg123"/>
    /// without libmpg123 (<paramref name="mpg123Unavailable"/> says why it did not load).
    /// </summary>
    public static string? Problem(Mp3DecoderKind kind, string? mpg123Unavailable) =>
        kind == Mp3DecoderKind.Mpg123 && mpg123Unavailable is not null
            ? $"libmpg123 ({Mpg123Native.Library}) could not be loaded: {mpg123Unavailable}. Install the libmpg123-0 package, or set {AudioOptions.Section}:Decoder to auto or nlayer."
            : null;

    /// <summary>The decoder <paramref name="kind"/> names on this machine.</summary>
    public static IMp3Decoder Create(Mp3DecoderKind kind) => Create(kind, Mpg123Mp3Decoder.UnavailableReason);

    /// <summary>
    /// The decoder <paramref name="kind"/> names when libmpg123 is unavailable for
    /// <paramref name="mpg123Unavailable"/> (null: it loaded).
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Mp3DecoderKind.Mpg123"/> without libmpg123.</exception>
    public static IMp3Decoder Create(Mp3DecoderKind kind, string? mpg123Unavailable)
    {
        if (Problem(kind, mpg123Unavailable) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        return kind switch
        {
            Mp3DecoderKind.Mpg123 => Mpg123Mp3Decoder.Instance,
            Mp3DecoderKind.NLayer => NLayerMp3Decoder.Instance,
            Mp3DecoderKind.Auto => mpg123Unavailable is null ? Mpg123Mp3Decoder.Instance : NLayerMp3Decoder.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a decoder"),
        };
    }
}
