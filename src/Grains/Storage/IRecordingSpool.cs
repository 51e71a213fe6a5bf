namespace MediaOrleans.Grains.Storage;

/// <summary>
/// Durable local storage of recordings while they are made: the bytes as they arrive and the
/// record of each recording's state, so that a restart finds every received byte again.
/// </summary>
public interface IRecordingSpool
{
    /// <summary>The saved record of <paramref name="name"/>, or <c>null</c> if none was saved.</summary>
    Task<RecordingRecord?> LoadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="record"/>, replacing any earlier one atomically.</summary>
    Task SaveAsync(RecordingRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every saved record, for the silo's start (unfinished recordings and pending stores are resumed) and listings.</summary>
    IAsyncEnumerable<RecordingRecord> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens the recording's byte spool for appending (created if missing).</summary>
    IRecordingSpoolWriter OpenWriter(string name);

    /// <summary>Bytes spooled so far for <paramref name="name"/>.</summary>
    long GetLength(string name);

    /// <summary>When bytes were last spooled for <paramref name="name"/>, or null when none were.</summary>
    DateTimeOffset? LastWrittenAt(string name);

    /// <summary>Reads spooled bytes from <paramref name="offset"/>; returns how many were read.</summary>
    Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default);
}
