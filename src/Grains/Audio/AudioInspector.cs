using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Decides whether uploaded bytes are audio the media layer serves, and describes them.
/// The declared content type picks the parser; bytes of another kind are refused rather than guessed.
/// </summary>
public static class AudioInspector
{
    /// <summary>Content type stored for WAV media.</summary>
    public const string WavContentType = "audio/wav";

    /// <summary>Content type stored for MP3 media.</summary>
    public const string Mp3ContentType = "audio/mpeg";

    /// <summary>
    /// Maps a declared content type to the canonical one, or <c>null</c> if it is not served.
    /// </summary>
    public static string? CanonicalContentType(string? declared)
    {
        var mediaType = declared?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => WavContentType,
            "audio/mpeg" or "audio/mp3" or "audio/mpeg3" or "audio/x-mpeg-3" => Mp3ContentType,
            _ => null,
        };
    }

    /// <summary>
    /// Inspects <paramref name="content"/> declared as <paramref name="declaredContentType"/>.
    /// Throws <see cref="MediaRejectedException"/> with a client-safe message when refused.
    /// </summary>
    public static (string ContentType, AudioFormat Format) Inspect(string? declaredContentType, ReadOnlySpan<byte> content)
    {
        var contentType = CanonicalContentType(declaredContentType)
            ?? throw new MediaRejectedException(MediaRejection.UnsupportedType,
                $"content type '{declaredContentType}' is not served; use audio/wav or audio/mpeg");

        if (content.IsEmpty)
        {
            throw new MediaRejectedException(MediaRejection.InvalidAudio, "the body is empty");
        }

        var format = contentType == WavContentType ? WavInspector.Inspect(content) : Mp3Inspector.Inspect(content);
        return (contentType, format);
    }
}
