namespace MediaOrleans.Client.Media;

/// <summary>The content types media is uploaded with, chosen from a file's extension.</summary>
public static class MediaContentTypes
{
    /// <summary>WAV (PCM, µ-law, A-law).</summary>
    public const string Wav = "audio/wav";

    /// <summary>MP3 (MPEG 1/2/2.5 Layer III).</summary>
    public const string Mp3 = "audio/mpeg";

    /// <summary>The content type for <paramref name="path"/>'s extension (.wav or .mp3, any case), or null.</summary>
    public static string? FromFileName(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".WAV" => Wav,
        ".MP3" => Mp3,
        _ => null,
    };
}
