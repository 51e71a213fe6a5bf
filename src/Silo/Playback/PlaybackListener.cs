namespace MediaOrleans.Silo.Playback;

/// <summary>Which listener a playback request came to; each serves its own kinds of URL.</summary>
public enum PlaybackListener
{
    /// <summary>
    /// The HTTP port (mod_httapi, mod_http_cache, curl | sox, browsers): media in any variant and
    /// recordings under review; continuous streams are SHOUT's.
    /// </summary>
    Http,

    /// <summary>The SHOUT port (mod_shout's libcurl GET): MP3 frames only, including continuous streams.</summary>
    Shout,
}
