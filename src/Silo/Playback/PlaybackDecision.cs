using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// What a playback request gets: a status and, for 200, what to send. Made once for both
/// listeners by <see cref="PlaybackRequest"/>; each listener only renders it as bytes.
/// </summary>
/// <param name="Status">200, or the refusal: 403 (bad or expired signature), 404 (nothing to play), 503 (store unreachable).</param>
/// <param name="Target">What the URL names (200 only).</param>
/// <param name="Content">The bytes of one play (200, not continuous).</param>
/// <param name="Live">The listener's place in a continuous stream (200, continuous); the renderer disposes it.</param>
/// <param name="MaxAgeSeconds">How long the answer may be cached: never past the URL's expiry.</param>
public sealed record PlaybackDecision(
    int Status,
    PlaybackTarget? Target = null,
    PlaybackContent? Content = null,
    LiveSubscription? Live = null,
    int MaxAgeSeconds = 0)
{
    /// <summary>Whether there is something to send.</summary>
    public bool IsPlayable => Status == 200;
}
