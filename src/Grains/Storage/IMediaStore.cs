using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Storage;

/// <summary>
/// Where media items live (a local directory by default, CouchDB in production). Versions are
/// opaque strings chosen by the store; a version's bytes never change. A store that cannot be
/// reached throws <see cref="MediaStoreUnavailableException"/>.
/// </summary>
public interface IMediaStore
{
    /// <summary>The current version of <paramref name="name"/>, or <c>null</c> if there is none.</summary>
    Task<MediaInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The description of one version, current or older, or <c>null</c> if the store no longer has it.</summary>
    Task<MediaInfo?> GetVersionAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the bytes of one version, or returns <c>null</c> if that version is gone. The stream
    /// delivers bytes as the store sends them, so readers can start before the end has arrived.
    /// </summary>
    Task<Stream?> OpenReadAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="content"/> as the new current version and describes it. Storing the
    /// bytes the item already has writes nothing and answers the current version, so a retried
    /// store never stores twice.
    /// </summary>
    Task<MediaInfo> PutAsync(string name, string contentType, ReadOnlyMemory<byte> content, AudioFormat audio,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts reporting changes of <paramref name="name"/> made outside its grain (another writer
    /// of the store) to the grain, through <see cref="IMediaFileGrain.RefreshAsync"/>. Every change
    /// after this returns is reported. A store nobody else writes does nothing.
    /// </summary>
    Task WatchAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stops the reports started by <see cref="WatchAsync"/> (the grain is going away).</summary>
    void Unwatch(string name);
}
