namespace MediaOrleans.Silo.Shout;

/// <summary>Request methods the SHOUT listener serves.</summary>
public enum ShoutMethod
{
    /// <summary>Playback (mod_shout's read side is libcurl's plain GET).</summary>
    Get,

    /// <summary>Playback headers only.</summary>
    Head,

    /// <summary>libshout 2.4.2+ capability probe, sent before the source request.</summary>
    Options,

    /// <summary>Icecast's source request (libshout, ffmpeg <c>-legacy_icecast 1</c>).</summary>
    Source,

    /// <summary>The HTTP source request (libshout after an <c>Allow: PUT</c>, ffmpeg).</summary>
    Put,
}
