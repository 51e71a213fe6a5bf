using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Streams;

/// <summary>
/// Decides which playback URL a caller gets: the one place that applies the rules about
/// protocols, formats, rates and stream types, shared by the admin API, the bus and Orleans
/// clients (all of them ask with a <see cref="UrlRequest"/>).
/// </summary>
public sealed class StreamAllocator(IGrainFactory grains, PlaybackUrls urls, ClusterRetry retry, IOptions<TranscodeOptions> transcode)
{
    /// <summary>
    /// Allocates a URL for <paramref name="ask"/>, naming the item's current version. Every field
    /// but the name is optional: the protocol follows the format (MP3 → shout, else http), the
    /// format follows the stored item, the rate is the stored one, the type is <c>new</c>; https
    /// only when asked for (stock Kazoo's <c>media_resp</c> validator refuses https Stream-URLs). The
    /// name may be missing or malformed (it comes from JSON or a bus message): that is a refusal.
    /// </summary>
    public async Task<StreamAllocation> AllocateAsync(UrlRequest ask)
    {
        var name = MediaName.Normalize(ask.MediaName);
        if (!MediaName.IsValid(name))
        {
            return StreamAllocation.Refuse(UrlRefusal.InvalidName, "the media name is missing or not a valid media name");
        }

        var info = await retry.RunAsync(() => grains.GetGrain<IMediaFileGrain>(name).GetInfoAsync());
        if (info is null)
        {
            return StreamAllocation.Refuse(UrlRefusal.NotFound, $"'{name}' does not exist");
        }

        if (!info.Streamable)
        {
            return StreamAllocation.Refuse(UrlRefusal.NoData, $"'{info.Name}' exists but has no playable data");
        }

        var format = ask.Format?.ToLowerInvariant() ?? MediaVariant.ExtensionOf(info);
        var protocol = ask.Protocol?.ToLowerInvariant() ?? (format == "mp3" ? "shout" : "http");
        var variant = new MediaVariant(format, ask.Rate ?? 0);
        var extant = ask.StreamType?.Equals("extant", StringComparison.OrdinalIgnoreCase) == true;
        if (Check(ask, info, variant, protocol) is { } refusal)
        {
            return refusal;
        }

        // A variant over the transcode budget would only be refused when played: say so now.
        if (!variant.IsStoredFormOf(info) && TranscodeBudget.Refusal(info, variant, transcode.Value) is { } over)
        {
            return StreamAllocation.Refuse(UrlRefusal.FormatUnavailable, over + "; ask for the stored form or a lower rate");
        }

        if (extant)
        {
            return StreamAllocation.Grant(urls.ForLiveStream(info), info, AudioInspector.Mp3ContentType);
        }

        // A WAV asked at its stored rate is the stored item: one URL, one cache entry.
        var rate = variant.IsStoredFormOf(info) ? 0 : variant.Rate;
        var scheme = protocol switch { "shout" => UrlScheme.Shout, "https" => UrlScheme.Https, _ => UrlScheme.Http };
        return StreamAllocation.Grant(urls.ForMedia(info, scheme, format, rate), info,
            format == "mp3" ? AudioInspector.Mp3ContentType : AudioInspector.WavContentType);
    }

    private StreamAllocation? Check(UrlRequest ask, MediaInfo info, MediaVariant variant, string protocol)
    {
        // https only where a certificate is configured; elsewhere it is refused as it always was.
        if (protocol is not ("http" or "shout") && !(protocol == "https" && urls.ServesHttps))
        {
            var served = urls.ServesHttps ? "http, https or shout" : "http or shout";
            return StreamAllocation.Refuse(UrlRefusal.UnsupportedProtocol, $"protocol '{ask.Protocol}' is not served; use {served}");
        }

        if (variant.Extension is not ("wav" or "mp3"))
        {
            return StreamAllocation.Refuse(UrlRefusal.UnsupportedFormat, $"format '{ask.Format}' is not served; use wav or mp3");
        }

        if (protocol == "shout" && variant.Extension != "mp3")
        {
            return StreamAllocation.Refuse(UrlRefusal.FormatUnavailable, "shout streams carry MP3 only; ask for http to get WAV");
        }

        if (!variant.IsAvailableFor(info, out var why))
        {
            return StreamAllocation.Refuse(UrlRefusal.FormatUnavailable, why!);
        }

        if (ask.StreamType is { } type && !type.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            if (!type.Equals("extant", StringComparison.OrdinalIgnoreCase))
            {
                return StreamAllocation.Refuse(UrlRefusal.UnsupportedStreamType, $"stream type '{type}' is not served; use new or extant");
            }

            if (variant != MediaVariant.Stored(info) || MediaVariant.ExtensionOf(info) != "mp3" || protocol != "shout")
            {
                return StreamAllocation.Refuse(UrlRefusal.FormatUnavailable, "continuous (extant) streams carry a stored MP3 over shout");
            }
        }

        return null;
    }
}
