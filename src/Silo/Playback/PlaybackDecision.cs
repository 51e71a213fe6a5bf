using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// What a playback request gets: a status and, for 200, what to send. Made once for both
/// listeners by <see cref="PlaybackRequest"/>; each listener only renders it as bytes.
/// </summary>
/// <param name="Status">
/// 200 (the whole body), 206 (<paramref name="Range"/> of it), 304 (the client's copy is current),
/// 416 (no byte of the range exists), or the refusal: 403 (bad or expired signature), 404 (nothing
/// to play), 503 (store unreachable).
/// </param>
/// <param name="Target">What the URL names (200, 206, 304, 416).</param>
/// <param name="Content">The bytes of one play (not continuous): what its length, ETag and date describe.</param>
/// <param name="Live">The listener's place in a continuous stream (200, continuous); the renderer disposes it.</param>
/// <param name="MaxAgeSeconds">How long the answer may be cached: never past the URL's expiry.</param>
/// <param name="Range">The part of the body a 206 sends.</param>
public sealed record PlaybackDecision(
    int Status,
    PlaybackTarget? Target = null,
    PlaybackContent? Content = null,
    LiveSubscription? Live = null,
    int MaxAgeSeconds = 0,
    ByteRange? Range = null)
{
    /// <summary>Whether body bytes go out (for GET): the whole body or a range of it.</summary>
    public bool IsPlayable => Status is 200 or 206;

    /// <summary>The bytes a GET sends: the range, or the whole body.</summary>
    public ByteRange Body => Range ?? new ByteRange(0, Content?.Length ?? 0);
}
