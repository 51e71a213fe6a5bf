namespace MediaOrleans.Silo.Urls;

/// <summary>What a playback path plays; the first segment of its path says which.</summary>
public enum PlaybackKind
{
    /// <summary><c>/m/…</c>: one play of a media version.</summary>
    Media,

    /// <summary><c>/c/…</c>: the item's shared continuous stream (Kazoo's <c>Stream-Type: extant</c>).</summary>
    Continuous,

    /// <summary><c>/r/…</c>: what a recording has received so far.</summary>
    Recording,
}
