using MediaOrleans.Interfaces;

namespace MediaOrleans.Client.Media;

/// <summary>A signed playback URL and the version of the item it plays.</summary>
/// <param name="Url"><c>http://…</c> or <c>shout://…</c>, naming the version and ending in the real extension.</param>
/// <param name="Media">The item's description (its version is the one the URL names).</param>
/// <param name="ContentType">What the URL serves (<c>audio/wav</c> or <c>audio/mpeg</c>).</param>
public sealed record PlaybackUrl(string Url, MediaInfo Media, string ContentType);
