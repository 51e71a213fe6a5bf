using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Silo.Http;

/// <summary>Body of <c>POST /api/recordings</c> (optional).</summary>
public sealed record RecordingAllocationRequest(string? Name, int? MaxSeconds);

/// <summary>Body of <c>POST /api/recordings/{name}/store</c>.</summary>
public sealed record StoreRequest(string? MediaName);

/// <summary>A media item as the admin API describes it.</summary>
public sealed record MediaResponse(
    string Name, string Version, string ContentType, long Length, DateTimeOffset LastModified,
    string Codec, int SampleRate, int Channels, long DurationMs, int Bitrate, bool Streamable)
{
    /// <summary>Flattens a grain's <see cref="MediaInfo"/>.</summary>
    public static MediaResponse From(MediaInfo info) => new(
        info.Name, info.Version, info.ContentType, info.Length, info.LastModified,
        info.Audio.Codec, info.Audio.SampleRate, info.Audio.Channels, info.Audio.DurationMs, info.Audio.Bitrate, info.Streamable);
}

/// <summary>Answer of <c>POST /api/streams</c>.</summary>
public sealed record StreamResponse(string Url, string Name, string Version, string ContentType);

/// <summary>Answer of <c>POST /api/recordings</c>: where the source records to.</summary>
public sealed record RecordingAllocationResponse(string Name, string Url, int MaxSeconds);

/// <summary>A recording as the admin API describes it.</summary>
public sealed record RecordingResponse(
    string Name, string State, long Bytes, int MaxSeconds, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    string? StoppedReason, string? StoredAs, string? PlaybackUrl, long DurationMs, long? TrailingSilenceMs, string? StorePending)
{
    /// <summary>
    /// Flattens a grain's status; a recording with bytes gets a review URL when
    /// <paramref name="reviewUrls"/> is given (the caller may play recordings).
    /// </summary>
    public static RecordingResponse From(RecordingStatus status, PlaybackUrls? reviewUrls) => new(
        status.Name, status.State.ToString().ToLowerInvariant(), status.Bytes, status.MaxSeconds, status.StartedAt, status.EndedAt,
        status.StoppedReason, status.StoredAs, status.Bytes > 0 ? reviewUrls?.ForRecording(status.Name) : null, status.DurationMs,
        status.TrailingSilenceMs, status.StorePending);
}

/// <summary>Answer of <c>GET /api/media</c>.</summary>
public sealed record MediaListResponse(IReadOnlyList<string> Items);

/// <summary>Answer of <c>GET /api/recordings</c>.</summary>
public sealed record RecordingListResponse(IReadOnlyList<RecordingResponse> Items);
