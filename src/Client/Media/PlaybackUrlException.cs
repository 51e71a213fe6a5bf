namespace MediaOrleans.Client.Media;

/// <summary>
/// The cluster refused a playback URL. <see cref="Code"/> is the refusal code every front end
/// uses: <c>not_found</c>, <c>no_data</c>, <c>invalid_name</c>, <c>unsupported_protocol</c>,
/// <c>unsupported_format</c>, <c>unsupported_stream_type</c> or <c>format_unavailable</c>.
/// </summary>
public sealed class PlaybackUrlException : Exception
{
    /// <summary>The code for a media name the store does not hold.</summary>
    public const string NotFound = "not_found";

    /// <summary>Creates the exception.</summary>
    public PlaybackUrlException(string mediaName, string code, string? message)
        : base(message ?? $"no playback URL for '{mediaName}': {code}")
    {
        MediaName = mediaName;
        Code = code;
    }

    /// <summary>The media name asked for.</summary>
    public string MediaName { get; }

    /// <summary>The refusal code.</summary>
    public string Code { get; }

    /// <summary>Whether the media item does not exist.</summary>
    public bool IsNotFound => Code == NotFound;
}
