namespace MediaOrleans.Silo.Wire;

/// <summary>
/// A request's method. The parser accepts any method token; each listener decides which it
/// serves (the SHOUT listener answers 405 to the rest, the HTTP port hands them to Kestrel).
/// </summary>
public enum RequestMethod
{
    /// <summary>Any other token (see <see cref="RequestHead.MethodName"/>).</summary>
    Other,

    /// <summary>Playback (mod_httapi, mod_http_cache, curl, mod_shout's libcurl), admin reads.</summary>
    Get,

    /// <summary>Headers only (mod_httapi asks before every GET).</summary>
    Head,

    /// <summary>libshout 2.4.2+ capability probe, sent before the source request.</summary>
    Options,

    /// <summary>Icecast's source request (libshout, ffmpeg <c>-legacy_icecast 1</c>).</summary>
    Source,

    /// <summary>The HTTP source request (libshout after an <c>Allow: PUT</c>, ffmpeg); admin uploads.</summary>
    Put,

    /// <summary>Admin API requests.</summary>
    Post,

    /// <summary>Admin API deletes.</summary>
    Delete,
}
