using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Storage;

/// <summary>
/// Where media items live (a local directory by default, CouchDB in production). Versions are
/// opaque strings chosen by the store; a version's bytes never change.
/// </summary>
public interface IMediaStore
{
    /// <summary>The current version of <paramref name="name"/>, or <c>null</c> if there is none.</summary>
    Task<MediaInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Opens the bytes of one version, or returns <c>null</c> if that version is gone.</summary>
    Task<Stream?> OpenReadAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="content"/> as the new current version and describes it.</summary>
    Task<MediaInfo> PutAsync(string name, string contentType, ReadOnlyMemory<byte> content, AudioFormat audio,
        CancellationToken cancellationToken = default);
}
