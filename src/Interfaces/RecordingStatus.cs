namespace MediaOrleans.Interfaces;

/// <summary>A snapshot of a recording.</summary>
/// <param name="Name">Recording name.</param>
/// <param name="State">Where it is in its life cycle.</param>
/// <param name="Bytes">Bytes received and spooled so far.</param>
/// <param name="MaxSeconds">Longest recording accepted.</param>
/// <param name="StartedAt">When the source connected.</param>
/// <param name="EndedAt">When receiving stopped.</param>
/// <param name="StoppedReason">Why receiving stopped (<c>closed</c>, <c>silence</c>, <c>too-slow</c>, <c>max-seconds</c>, <c>max-bytes</c>, <c>source-lost</c>, <c>interrupted</c>, <c>spool-failed</c>), if it did.</param>
/// <param name="StoredAs">The media name it was stored as, once stored.</param>
/// <param name="DurationMs">Playing time of the MP3 frames received so far.</param>
/// <param name="TrailingSilenceMs">Near-silence at the end (FreeSWITCH's threshold of 500), once complete; voicemail may trim it.</param>
/// <param name="StorePending">The media name a store was accepted for but not completed yet (the media store is down; it is retried).</param>
[GenerateSerializer, Immutable]
public sealed record RecordingStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] RecordingState State,
    [property: Id(2)] long Bytes,
    [property: Id(3)] int MaxSeconds,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] string? StoppedReason,
    [property: Id(7)] string? StoredAs,
    [property: Id(8)] long DurationMs = 0,
    [property: Id(9)] long? TrailingSilenceMs = null,
    [property: Id(10)] string? StorePending = null);
