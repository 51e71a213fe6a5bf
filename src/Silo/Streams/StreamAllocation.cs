using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Streams;

/// <summary>The outcome of a <see cref="UrlRequest"/>: a URL for a media version, or a refusal and why.</summary>
public sealed record StreamAllocation(string? Url, MediaInfo? Media, string? ContentType, UrlRefusal? Refusal, string? Message)
{
    /// <summary>Whether a URL was given.</summary>
    public bool Granted => Url is not null;

    /// <summary>A granted URL.</summary>
    public static StreamAllocation Grant(string url, MediaInfo media, string contentType) => new(url, media, contentType, null, null);

    /// <summary>A refusal with a message a caller can act on.</summary>
    public static StreamAllocation Refuse(UrlRefusal refusal, string message) => new(null, null, null, refusal, message);
}
