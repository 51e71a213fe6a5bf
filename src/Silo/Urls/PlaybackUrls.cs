using System.Globalization;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Urls;

/// <summary>
/// Builds and checks the URLs this silo hands out (paths as <see cref="MediaPaths"/> writes them).
/// Playback URLs carry an expiring signature; the version in the path makes a changed item a new
/// URL, which FreeSWITCH's URL-keyed caches need.
/// </summary>
public sealed class PlaybackUrls(MediaUrlSigner signer, SiloEndpoints endpoints, IOptions<UrlOptions> urls, TimeProvider time)
{
    /// <summary>Whether this silo serves <c>https://</c> URLs (a certificate is configured).</summary>
    public bool ServesHttps => endpoints.HttpsPort is not null;

    /// <summary>A signed URL for <paramref name="info"/> as <paramref name="extension"/>, over <c>http</c> or <c>shout</c>.</summary>
    public string ForMedia(MediaInfo info, bool shoutProtocol, string extension, int rate = 0) =>
        ForMedia(info, shoutProtocol ? UrlScheme.Shout : UrlScheme.Http, extension, rate);

    /// <summary>A signed URL for <paramref name="info"/> as <paramref name="extension"/> on the listener <paramref name="scheme"/> names.</summary>
    public string ForMedia(MediaInfo info, UrlScheme scheme, string extension, int rate = 0) =>
        Signed(scheme, PlaybackKind.Media,
            rate == 0 ? info.Version : string.Create(CultureInfo.InvariantCulture, $"{info.Version}-{rate}"), info.Name, extension);

    /// <summary>A signed SHOUT URL that joins the item's shared continuous stream.</summary>
    public string ForLiveStream(MediaInfo info) => Signed(UrlScheme.Shout, PlaybackKind.Continuous, info.Version, info.Name, "mp3");

    /// <summary>A signed SHOUT URL that plays what a recording has received.</summary>
    public string ForRecording(string name) => Signed(UrlScheme.Shout, PlaybackKind.Recording, string.Empty, name, "mp3");

    /// <summary>The <c>shout://user:pass@host:port/rec/{name}.mp3</c> URL a source records to.</summary>
    public string ForRecordingSource(RecordingAllocation allocation) =>
        $"shout://{allocation.User}:{allocation.Password}@{endpoints.AdvertisedHost}:{endpoints.ShoutPort}{MediaPaths.RecordingSource(allocation.Name)}";

    /// <summary>Checks a request path (as received, percent-decoded) and says what it plays.</summary>
    public PlaybackUrlStatus Check(string path, out PlaybackTarget? target)
    {
        target = null;
        if (MediaPaths.ParsePlayback(path) is not { } parsed)
        {
            return PlaybackUrlStatus.NotPlaybackPath;
        }

        target = parsed.Target;
        var payload = MediaPaths.SignedPayload(parsed.Kind, target.Name, parsed.VersionSegment, target.Extension, target.Expires);
        if (!signer.Verify(payload, parsed.Signature))
        {
            return PlaybackUrlStatus.BadSignature;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > target.Expires ? PlaybackUrlStatus.Expired : PlaybackUrlStatus.Valid;
    }

    private string Signed(UrlScheme scheme, PlaybackKind kind, string versionSegment, string name, string extension)
    {
        var expires = NextExpiry();
        var signature = signer.Sign(MediaPaths.SignedPayload(kind, name, versionSegment, extension, expires));
        var origin = scheme switch
        {
            UrlScheme.Shout => endpoints.ShoutOrigin,
            UrlScheme.Https => endpoints.HttpsOrigin ?? throw new InvalidOperationException("HTTPS is off: no certificate is configured"),
            _ => endpoints.HttpOrigin,
        };
        return origin + MediaPaths.Playback(kind, versionSegment, expires, signature, name, extension);
    }

    private long NextExpiry()
    {
        var rounding = urls.Value.RoundingSeconds;
        var earliest = time.GetUtcNow().ToUnixTimeSeconds() + urls.Value.LifetimeSeconds;
        return (earliest + rounding - 1) / rounding * rounding;
    }
}
