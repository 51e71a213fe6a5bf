using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// The one decision about a playback request, for both listeners: is the URL genuine and still
/// valid, does this listener serve what it names, and where are its bytes. Every rule about
/// playback (statuses, cache lifetime, and those still to come) is written here once; the
/// listeners only render the decision.
/// </summary>
public sealed class PlaybackRequest(
    PlaybackUrls urls,
    PlaybackSource source,
    LiveStreamHub live,
    IOptions<PlaybackCacheOptions> options,
    TimeProvider time,
    ILogger<PlaybackRequest> logger)
{
    /// <summary>Decides what the request for <paramref name="path"/> (percent-decoded, no query) on <paramref name="listener"/> gets.</summary>
    public async Task<PlaybackDecision> DecideAsync(string path, PlaybackListener listener)
    {
        var check = urls.Check(path, out var target);
        if (check is PlaybackUrlStatus.BadSignature or PlaybackUrlStatus.Expired)
        {
            return Refuse(path, 403);
        }

        if (check != PlaybackUrlStatus.Valid || !Serves(listener, target!))
        {
            return Refuse(path, 404);
        }

        try
        {
            if (target!.IsLive)
            {
                return await live.JoinAsync(target.Name, target.Version) is { } joined
                    ? new PlaybackDecision(200, target, Live: joined)
                    : Refuse(path, 404);
            }

            return await source.OpenAsync(target) is { } content
                ? new PlaybackDecision(200, target, content, MaxAgeSeconds: CacheLifetime.Seconds(target.Expires, time.GetUtcNow(), options.Value.MaxAgeSeconds))
                : Refuse(path, 404);
        }
        catch (MediaStoreUnavailableException)
        {
            return Refuse(path, 503);
        }
    }

    // SHOUT carries MP3 frames only (mod_shout feeds every byte to its decoder); continuous
    // streams are SHOUT's alone.
    private static bool Serves(PlaybackListener listener, PlaybackTarget target) => listener == PlaybackListener.Shout
        ? target.Extension == "mp3"
        : !target.IsLive;

    private PlaybackDecision Refuse(string path, int status)
    {
        PlaybackLog.Refused(logger, path, status);
        return new PlaybackDecision(status);
    }
}
