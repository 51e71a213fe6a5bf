namespace MediaOrleans.Interfaces;

/// <summary>
/// One recording, keyed by its recording name: its one-time source credentials, its state, the
/// bytes FreeSWITCH streams in (spooled as they arrive), review playback and storing it as media.
/// </summary>
public interface IRecordingGrain : IGrainWithStringKey
{
    /// <summary>Allocates the recording with fresh random credentials. Fails if it already exists.</summary>
    Task<RecordingAllocation> AllocateAsync(RecordingRequest request);

    /// <summary>Admits (or refuses) a source connection presenting these credentials.</summary>
    Task<SourceAdmission> BeginSourceAsync(string user, string password);

    /// <summary>Appends received bytes for the admitted source session; says whether to keep reading.</summary>
    Task<AppendResult> AppendAsync(Guid session, RecordingChunk chunk);

    /// <summary>
    /// Ends the source session for <paramref name="why"/>: the recording is complete with every
    /// byte appended so far, and says why it stopped.
    /// </summary>
    Task<RecordingStatus> EndSourceAsync(Guid session, SourceEnd why);

    /// <summary>Current state, byte count and timing.</summary>
    Task<RecordingStatus> GetStatusAsync();

    /// <summary>Reads received bytes for review playback; <c>null</c> if the recording does not exist.</summary>
    Task<MediaChunk?> ReadAsync(long offset, int count);

    /// <summary>Stores the received bytes as the media item <paramref name="mediaName"/>.</summary>
    Task<MediaInfo> StoreAsync(string mediaName);
}
