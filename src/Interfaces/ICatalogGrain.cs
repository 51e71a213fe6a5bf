namespace MediaOrleans.Interfaces;

/// <summary>
/// What the cluster holds, for operators and tools: media names in the store and recordings in
/// the spool. A stateless worker (use key 0); recordings are listed from the answering silo's
/// spool, which is every recording when silos share it (as in docker-compose.yml).
/// </summary>
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="limit"/> media names starting with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListMediaAsync(string? prefix, int limit);

    /// <summary>Up to <paramref name="limit"/> recordings whose names start with <paramref name="prefix"/>, in ordinal order.</summary>
    Task<IReadOnlyList<RecordingStatus>> ListRecordingsAsync(string? prefix, int limit);
}
