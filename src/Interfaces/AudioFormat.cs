namespace MediaOrleans.Interfaces;

/// <summary>Audio properties found by inspecting the bytes (never taken from the uploader's word).</summary>
/// <param name="Codec"><c>pcm</c>, <c>ulaw</c>, <c>alaw</c> or <c>mp3</c>.</param>
/// <param name="SampleRate">Samples per second per channel.</param>
/// <param name="Channels">1 (mono) or 2 (stereo).</param>
/// <param name="DurationMs">Playing time in milliseconds.</param>
/// <param name="Bitrate">Average bits per second of the encoded audio.</param>
[GenerateSerializer, Immutable]
public sealed record AudioFormat(
    [property: Id(0)] string Codec,
    [property: Id(1)] int SampleRate,
    [property: Id(2)] int Channels,
    [property: Id(3)] long DurationMs,
    [property: Id(4)] int Bitrate)
{
    /// <summary>
    /// Stands for audio not inspected yet: media written to the store by someone else (Kazoo,
    /// an operator) is described from its document first and inspected once its bytes are loaded.
    /// </summary>
    public static AudioFormat Unknown { get; } = new("unknown", 0, 0, 0, 0);

    /// <summary>Whether the bytes were inspected.</summary>
    public bool IsKnown => SampleRate > 0;
}
