using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Storage;

/// <summary>
/// What the spool keeps about a recording between activations. The password is kept only as a
/// SHA-256 hash: it is needed to check a source, never to show. <c>PendingStoreAs</c> names the
/// media item a store was asked for and not yet completed (the media store was down): it is
/// retried until it succeeds, across restarts of the silo. <c>SourceId</c> and <c>SourceSilo</c>
/// name the admitted source's session and the silo its connection is on, while it is receiving:
/// a later activation of the grain takes that session over while that silo is alive.
/// </summary>
public sealed record RecordingRecord(
    string Name,
    RecordingState State,
    string User,
    string PasswordHash,
    int MaxSeconds,
    DateTimeOffset AllocatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    string? StoppedReason = null,
    string? StoredAs = null,
    long DurationMs = 0,
    long? TrailingSilenceMs = null,
    string? PendingStoreAs = null,
    Guid? SourceId = null,
    string? SourceSilo = null);
