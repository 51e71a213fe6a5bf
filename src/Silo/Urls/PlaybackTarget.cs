namespace MediaOrleans.Silo.Urls;

/// <summary>What a verified playback URL points at.</summary>
/// <param name="IsRecording">A recording under review rather than a media item.</param>
/// <param name="Name">Media or recording name.</param>
/// <param name="Version">The media version the URL names (empty for recordings).</param>
/// <param name="Extension"><c>wav</c> or <c>mp3</c>.</param>
/// <param name="Expires">Unix time after which the URL is refused.</param>
/// <param name="Rate">Sample rate asked for, 0 for the stored rate.</param>
/// <param name="IsLive">The item's shared continuous stream (Kazoo's <c>Stream-Type: extant</c>) rather than one play.</param>
public sealed record PlaybackTarget(bool IsRecording, string Name, string Version, string Extension, long Expires, int Rate = 0, bool IsLive = false)
{
    /// <summary>The HTTP content type of the extension.</summary>
    public string ContentType => Extension == "wav" ? "audio/wav" : "audio/mpeg";
}
