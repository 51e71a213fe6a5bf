using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Grains.Audio;

/// <summary>Audio decoding, bound from <c>Media:Audio</c>.</summary>
public sealed class AudioOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Audio";

    /// <summary>
    /// MP3 decoder for transcoding (default <c>auto</c>): <c>mpg123</c> (libmpg123, what
    /// FreeSWITCH's mod_shout and the <c>mpg123</c> command decode with), <c>nlayer</c> (managed,
    /// for machines without libmpg123), or <c>auto</c>, which takes libmpg123 if it loads.
    /// </summary>
    [EnumDataType(typeof(Mp3DecoderKind))]
    public Mp3DecoderKind Decoder { get; set; } = Mp3DecoderKind.Auto;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Asked for by name, libmpg123 must be there now, not at the first transcode.
        if (Mp3Decoders.Problem(Decoder, Mpg123Mp3Decoder.UnavailableReason) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Decoder)]);
        }
    }
}
