namespace MediaOrleans.Interfaces;

/// <summary>
/// A form a media item can be served in: its container (<c>wav</c> or <c>mp3</c>) and sample
/// rate (0 = as stored). MP3 is served only as stored; any item can be served as 16-bit PCM WAV
/// at any <see cref="SupportedRates">supported rate</see>, decoded and resampled once per version.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MediaVariant([property: Id(0)] string Extension, [property: Id(1)] int Rate)
{
    /// <summary>Rates a WAV variant can be asked for, in Hz.</summary>
    public static IReadOnlyList<int> SupportedRates { get; } = [8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000];

    /// <summary>The stored bytes of <paramref name="info"/>, unchanged.</summary>
    public static MediaVariant Stored(MediaInfo info) => new(ExtensionOf(info), 0);

    /// <summary>File extension of the stored content.</summary>
    public static string ExtensionOf(MediaInfo info) => info.ContentType == "audio/mpeg" ? "mp3" : "wav";

    /// <summary>Whether this is the stored content itself (no transcoding).</summary>
    public bool IsStoredFormOf(MediaInfo info) =>
        Extension == ExtensionOf(info) && (Rate == 0 || Rate == info.Audio.SampleRate);

    /// <summary>Whether <paramref name="info"/> can be served in this form; <paramref name="why"/> says why not.</summary>
    public bool IsAvailableFor(MediaInfo info, out string? why)
    {
        why = (Extension, Rate) switch
        {
            ("mp3", _) when ExtensionOf(info) != "mp3" => $"'{info.Name}' is stored as WAV; it is served as WAV only",
            ("mp3", var rate) when rate != 0 && rate != info.Audio.SampleRate => $"MP3 is served at its stored rate ({info.Audio.SampleRate} Hz) only",
            ("mp3" or "wav", var rate) when rate != 0 && !SupportedRates.Contains(rate) => $"rate {rate} Hz is not served; use one of {string.Join(", ", SupportedRates)}",
            ("mp3" or "wav", _) => null,
            _ => $"format '{Extension}' is not served; use wav or mp3",
        };
        return why is null;
    }
}
