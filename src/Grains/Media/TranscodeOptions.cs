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

    /// <summary>
    /// Largest WAV one transcode may make, in bytes (default 64 MiB: 35 min of 8 kHz mono, 6 min
    /// of 48 kHz stereo). Judged from the item's inspected duration before anything is decoded;
    /// over it, URL allocation answers 422 <c>format_unavailable</c> and a playback URL 404.
    /// </summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long MaxOutputBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most samples (all channels) one transcode may decode, 4 bytes each while it runs (default
    /// 64 Mi: 11 min of 48 kHz stereo MP3, 2.3 h of 8 kHz mono). Judged before decoding and held
    /// by the decoder as it goes, so an MP3 whose frames say more than its header stops there.
    /// </summary>
    [Range(1024 * 1024, 256 * 1024 * 1024)]
    public int MaxDecodedSamples { get; set; } = 64 * 1024 * 1024;
}
