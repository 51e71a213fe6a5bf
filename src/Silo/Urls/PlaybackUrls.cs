using System.Globalization;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Hosting;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Shout;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Urls;

/// <summary>
/// Builds and checks playback URLs. Everything lives in the path, the real extension last:
/// <c>/m/{version}/{expires}/{signature}/{name}.{ext}</c> for media (the version segment is
/// <c>{version}-{rate}</c> for a resampled WAV) and
/// <c>/r/{expires}/{signature}/{name}.mp3</c> for recordings under review and
/// <c>/c/{version}/{expires}/{signature}/{name}.mp3</c> for an item's continuous stream. The version in the
/// path makes a changed item a new URL, which FreeSWITCH's URL-keyed caches need.
/// </summary>
public sealed class PlaybackUrls(
    MediaUrlSigner signer,
    IOptions<MediaOptions> media,
    IOptions<HttpListenerOptions> http,
    IOptions<ShoutOptions> shout,
    IOptions<UrlOptions> urls,
    TimeProvider time)
{
    /// <summary>A signed URL for <paramref name="info"/> as <paramref name="extension"/>, over <c>http</c> or <c>shout</c>.</summary>
    public string ForMedia(MediaInfo info, bool shoutProtocol, string extension, int rate = 0) =>
        Signed(shoutProtocol, 'm', rate == 0 ? info.Version : string.Create(CultureInfo.InvariantCulture, $"{info.Version}-{rate}"),
            info.Name, extension);

    /// <summary>A signed SHOUT URL that joins the item's shared continuous stream.</summary>
    public string ForLiveStream(MediaInfo info) => Signed(true, 'c', info.Version, info.Name, "mp3");

    /// <summary>A signed SHOUT URL that plays what a recording has received.</summary>
    public string ForRecording(string name) => Signed(true, 'r', string.Empty, name, "mp3");

    /// <summary>The <c>shout://user:pass@host:port/rec/{name}.mp3</c> URL a source records to.</summary>
    public string ForRecordingSource(RecordingAllocation allocation) =>
        $"shout://{allocation.User}:{allocation.Password}@{media.Value.AdvertisedHost}:{shout.Value.Port}{RecordingMounts.For(allocation.Name)}";

    /// <summary>Checks a request path (as received, percent-decoded) and says what it plays.</summary>
    public PlaybackUrlStatus Check(string path, out PlaybackTarget? target)
    {
        target = null;
        if (Parse(path) is not { } parsed)
        {
            return PlaybackUrlStatus.NotPlaybackPath;
        }

        target = parsed.Target;
        var payload = Payload(parsed.Kind, target.Name, parsed.VersionSegment, target.Extension, target.Expires);
        if (!signer.Verify(payload, parsed.Signature))
        {
            return PlaybackUrlStatus.BadSignature;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > target.Expires ? PlaybackUrlStatus.Expired : PlaybackUrlStatus.Valid;
    }

    /// <summary>Seconds a response for <paramref name="target"/> may be cached.</summary>
    public int MaxAgeSeconds(PlaybackTarget target) =>
        (int)Math.Clamp(target.Expires - time.GetUtcNow().ToUnixTimeSeconds(), 0, http.Value.MaxAgeSeconds);

    // The target, and the pieces its signature covers exactly as they appear in the path.
    private static (PlaybackTarget Target, char Kind, string VersionSegment, string Signature)? Parse(string path)
    {
        // "/m|c/{version}/{expires}/{sig}/{name}.{ext}" or "/r/{expires}/{sig}/{name}.mp3"
        var parts = path.Split('/', 6);
        var isRecording = parts.Length >= 5 && parts[0].Length == 0 && parts[1] == "r";
        var isLive = parts.Length == 6 && parts[0].Length == 0 && parts[1] == "c";
        var isMedia = (parts.Length == 6 && parts[0].Length == 0 && parts[1] == "m") || isLive;
        if (!isRecording && !isMedia)
        {
            return null;
        }

        var (version, rate) = isMedia ? SplitVersion(parts[2]) : (string.Empty, 0);
        var expiresText = parts[isMedia ? 3 : 2];
        var file = isMedia ? parts[5] : string.Join('/', parts[4..]);
        var dot = file.LastIndexOf('.');
        // Only the canonical spelling of the expiry is accepted, so one item has one URL.
        if (dot <= 0 || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expiresText != expires.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var name = file[..dot];
        var extension = file[(dot + 1)..];
        var extensionOk = extension == "mp3" || (extension == "wav" && isMedia && !isLive);
        var rateOk = rate == 0 || (rate > 0 && !isLive);
        if (!extensionOk || !rateOk || !MediaName.IsValid(name))
        {
            return null;
        }

        var target = new PlaybackTarget(isRecording, name, version, extension, expires, rate, isLive);
        return (target, parts[1][0], isMedia ? parts[2] : string.Empty, parts[isMedia ? 4 : 3]);
    }

    // "{version}" or "{version}-{rate}"; a rate that is not canonical digits makes the path invalid (-1).
    private static (string Version, int Rate) SplitVersion(string segment)
    {
        var dash = segment.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (segment, 0);
        }

        var text = segment[(dash + 1)..];
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rate)
                 && rate > 0 && text == rate.ToString(CultureInfo.InvariantCulture);
        return (segment[..dash], ok ? rate : -1);
    }

    private string Signed(bool shoutProtocol, char kind, string versionSegment, string name, string extension)
    {
        var expires = NextExpiry();
        var signature = signer.Sign(Payload(kind, name, versionSegment, extension, expires));
        var version = versionSegment.Length == 0 ? string.Empty : versionSegment + "/";
        return $"{Origin(shoutProtocol)}/{kind}/{version}{expires}/{signature}/{name}.{extension}";
    }

    private static string Payload(char kind, string name, string version, string extension, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}\n{name}\n{version}\n{extension}\n{expires}");

    private long NextExpiry()
    {
        var rounding = urls.Value.RoundingSeconds;
        var earliest = time.GetUtcNow().ToUnixTimeSeconds() + urls.Value.LifetimeSeconds;
        return (earliest + rounding - 1) / rounding * rounding;
    }

    private string Origin(bool shoutProtocol) => shoutProtocol
        ? $"shout://{media.Value.AdvertisedHost}:{shout.Value.Port}"
        : $"http://{media.Value.AdvertisedHost}:{http.Value.Port}";
}
