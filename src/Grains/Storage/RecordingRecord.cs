using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Storage;

/// <summary>
/// What the spool keeps about a recording between activations. The password is kept only as a
/// SHA-256 hash: it is needed to check a source, never to show. <c>PendingStoreAs</c> names the
/// media item a store was asked for and not yet completed (the media store was down): it is
/// retried until it succeeds, across restarts of the silo.
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
    string? PendingStoreAs = null);
