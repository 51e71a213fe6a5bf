namespace MediaOrleans.Silo.Urls;

/// <summary>Outcome of checking a playback path.</summary>
public enum PlaybackUrlStatus
{
    /// <summary>Well formed, correctly signed, not expired.</summary>
    Valid,

    /// <summary>Not a playback path at all (404).</summary>
    NotPlaybackPath,

    /// <summary>Signature does not match (403).</summary>
    BadSignature,

    /// <summary>Signature matches but the URL has expired (403).</summary>
    Expired,
}
