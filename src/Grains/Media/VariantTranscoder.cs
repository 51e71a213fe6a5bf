using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Makes a variant of a version's stored audio: decoded, resampled to the variant's rate (kept
/// when it names none) and written as 16-bit PCM WAV. CPU work, run on the thread pool by
/// <see cref="TranscodeCache"/>, which also keeps the result. Every decoder is called from
/// <see cref="Decode"/> alone.
/// </summary>
internal sealed class VariantTranscoder(IMp3Decoder mp3Decoder, TranscodeOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// The variant's WAV bytes, or null when the decoder cannot handle the stored bytes: the URL
    /// then answers 404 with an empty body rather than failing the connection. Null too when the
    /// variant is over the <see cref="TranscodeBudget"/>, before anything is allocated.
    /// </summary>
    public byte[]? Transcode(MediaInfo info, byte[] stored, MediaVariant variant)
    {
        if (TranscodeBudget.Refusal(info, variant, options) is { } over)
        {
            MediaMetrics.TranscodeFailures.Add(1, MediaMetrics.Tag("reason", "over_budget"));
            MediaLog.TranscodeOverBudget(logger, info.Name, info.Version, over);
            return null;
        }

        var started = time.GetTimestamp();
        PcmAudio pcm;
        try
        {
            pcm = Decode(info, stored);
        }
#pragma warning disable CA1031 // A third-party decoder's failure on one item must not fail the grain.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaMetrics.TranscodeFailures.Add(1, MediaMetrics.Tag("reason", "undecodable"));
            MediaLog.TranscodeFailed(logger, info.Name, info.Version, ex.Message);
            return null;
        }

        var wav = WavCodec.ToPcm16Wav(Resampler.Resample(pcm, variant.Rate == 0 ? pcm.SampleRate : variant.Rate));
        var took = time.GetElapsedTime(started);
        MediaMetrics.Transcodes.Add(1);
        MediaMetrics.TranscodedAudio.Add((double)pcm.Frames / pcm.SampleRate);
        MediaMetrics.TranscodeDuration.Record(took.TotalSeconds);
        MediaLog.Transcoded(logger, info.Name, info.Version, variant.Extension, variant.Rate, wav.Length, took.TotalMilliseconds);
        return wav;
    }

    private PcmAudio Decode(MediaInfo info, byte[] stored) =>
        MediaVariant.ExtensionOf(info) == "mp3" ? mp3Decoder.Decode(stored, options.MaxDecodedSamples) : WavCodec.Decode(stored);
}
