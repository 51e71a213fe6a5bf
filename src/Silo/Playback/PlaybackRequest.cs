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
    /// <summary>
    /// Decides what the request for <paramref name="path"/> (percent-decoded, no query) on
    /// <paramref name="listener"/> gets, honouring an HTTP request's <paramref name="conditions"/>.
    /// </summary>
    public async Task<PlaybackDecision> DecideAsync(string path, PlaybackListener listener, PlaybackConditions? conditions = null)
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
                ? Play(target, content, conditions ?? PlaybackConditions.None)
                : Refuse(path, 404);
        }
        catch (MediaStoreUnavailableException)
        {
            return Refuse(path, 503);
        }
    }

    // Validators first, then the range (RFC 9110 section 13.2.2): a current copy needs no bytes.
    private PlaybackDecision Play(PlaybackTarget target, PlaybackContent content, PlaybackConditions conditions)
    {
        var maxAge = CacheLifetime.Seconds(target.Expires, time.GetUtcNow(), options.Value.MaxAgeSeconds);
        if (Validators.NotModified(conditions, content.EntityTag, content.LastModified))
        {
            return new PlaybackDecision(304, target, content, MaxAgeSeconds: maxAge);
        }

        var range = Validators.RangeHolds(conditions, content.EntityTag, content.LastModified)
            ? ByteRange.Parse(conditions.Range, content.Length)
            : null;
        return range switch
        {
            null => new PlaybackDecision(200, target, content, MaxAgeSeconds: maxAge),
            { IsUnsatisfiable: true } => new PlaybackDecision(416, target, content, MaxAgeSeconds: maxAge),
            { } part => new PlaybackDecision(206, target, content, MaxAgeSeconds: maxAge, Range: part),
        };
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
