using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Grains.Media;

/// <summary>Transcoding limits, bound from <c>Media:Transcode</c>.</summary>
public sealed class TranscodeOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Transcode";

    /// <summary>
    /// Bytes of transcoded WAV a silo keeps for the media grains it hosts (default 256 MiB: about
    /// 4.5 hours of 8 kHz audio). Least recently used variants are dropped first and transcoded
    /// again when asked for; 0 keeps none.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Transcodes a silo runs at once (default 2). Decoding is CPU work; more at once only
    /// slows every one of them and starves the listeners.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrent { get; set; } = 2;
}
