using MediaOrleans.Interfaces;

namespace MediaOrleans.Client.Media;

/// <summary>
/// The cluster refused a playback URL. Switch on <see cref="Refusal"/>; <see cref="Code"/> is the
/// code every front end reports for it (<c>not_found</c>, <c>format_unavailable</c>, …).
/// </summary>
public sealed class PlaybackUrlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlaybackUrlException(string mediaName, UrlRefusal refusal, string? message)
        : base(message ?? $"no playback URL for '{mediaName}': {refusal.Code()}")
    {
        MediaName = mediaName;
        Refusal = refusal;
    }

    /// <summary>The media name asked for.</summary>
    public string MediaName { get; }

    /// <summary>Why there is no URL.</summary>
    public UrlRefusal Refusal { get; }

    /// <summary>The refusal's code, as the admin API and mediactl report it.</summary>
    public string Code => Refusal.Code();

    /// <summary>Whether the media item does not exist.</summary>
    public bool IsNotFound => Refusal == UrlRefusal.NotFound;
}
