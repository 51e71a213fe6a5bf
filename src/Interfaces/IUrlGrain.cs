namespace MediaOrleans.Interfaces;

/// <summary>
/// Hands out URLs to Orleans clients: playback URLs signed with the cluster's secret and
/// recording source URLs with fresh credentials, naming the silo that answers. A stateless
/// worker: any silo answers, so use key 0.
/// </summary>
public interface IUrlGrain : IGrainWithIntegerKey
{
    /// <summary>A playback URL for <paramref name="request"/>, or the reason there is none.</summary>
    Task<UrlGrant> GetPlaybackUrlAsync(UrlRequest request);

    /// <summary>
    /// Allocates a recording (named <paramref name="name"/>, or a fresh name) and answers where
    /// its source streams to. Throws <see cref="MediaRejectedException"/> for a bad name, a taken
    /// name or a <paramref name="maxSeconds"/> out of range.
    /// </summary>
    Task<RecordingTicket> AllocateRecordingAsync(string? name, int? maxSeconds);
}

/// <summary>What a playback URL is asked for; every field but the name is optional.</summary>
/// <param name="MediaName">The media item.</param>
/// <param name="Protocol"><c>http</c> or <c>shout</c> (default: shout for MP3, else http).</param>
/// <param name="Format"><c>wav</c> or <c>mp3</c> (default: as stored).</param>
/// <param name="Rate">WAV sample rate in Hz (default: as stored).</param>
/// <param name="StreamType"><c>new</c> (default) or <c>extant</c> for the item's continuous stream.</param>
[GenerateSerializer, Immutable]
public sealed record UrlRequest(
    [property: Id(0)] string MediaName,
    [property: Id(1)] string? Protocol = null,
    [property: Id(2)] string? Format = null,
    [property: Id(3)] int? Rate = null,
    [property: Id(4)] string? StreamType = null);

/// <summary>A playback URL and the version it names, or the <see cref="Refusal"/> and a message.</summary>
[GenerateSerializer, Immutable]
public sealed record UrlGrant(
    [property: Id(0)] string? Url,
    [property: Id(1)] MediaInfo? Media,
    [property: Id(2)] string? ContentType,
    [property: Id(3)] UrlRefusal? Refusal,
    [property: Id(4)] string? Message);

/// <summary>
/// A newly allocated recording: its name, the <c>shout://user:pass@…</c> URL its source streams
/// to, and the one-time credentials in that URL, for a client that feeds the grain itself.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RecordingTicket(
    [property: Id(0)] string Name,
    [property: Id(1)] string Url,
    [property: Id(2)] int MaxSeconds,
    [property: Id(3)] string User,
    [property: Id(4)] string Password);
