using Orleans.Concurrency;

namespace MediaOrleans.Interfaces;

/// <summary>
/// One media item (a prompt, a greeting, a stored recording), keyed by its media name, e.g.
/// <c>system_media/vm-enter_pass</c> or <c>account/media/attachment.mp3</c>. The grain loads the
/// item from the media store, caches its bytes once for the cluster, and serves them by version.
/// </summary>
public interface IMediaFileGrain : IGrainWithStringKey
{
    /// <summary>The current version's description, or <c>null</c> when the store has no such item.</summary>
    [ReadOnly]
    Task<MediaInfo?> GetInfoAsync();

    /// <summary>
    /// The description of <paramref name="version"/>, current or older, while the store still has
    /// it; <c>null</c> once it is gone. Old playback URLs keep playing the version they name.
    /// </summary>
    [ReadOnly]
    Task<MediaInfo?> GetVersionInfoAsync(string version);

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes of <paramref name="version"/> from
    /// <paramref name="offset"/>. While the item is still arriving from the store the read
    /// returns as soon as <c>min(count, 64 KiB)</c> bytes from <paramref name="offset"/> are there,
    /// so the first bytes can be played before the whole item has been loaded.
    /// Returns <c>null</c> when that version is no longer available.
    /// </summary>
    [ReadOnly]
    Task<MediaChunk?> ReadAsync(string version, long offset, int count);

    /// <summary>
    /// Like <see cref="ReadAsync(string, long, int)"/> for <paramref name="variant"/> of the version:
    /// transcoded once (MP3 decoded, resampled, written as 16-bit PCM WAV) and held by the grain.
    /// Returns <c>null</c> when the version is gone or the variant is not available.
    /// </summary>
    [ReadOnly]
    Task<MediaChunk?> ReadVariantAsync(string version, MediaVariant variant, long offset, int count);

    /// <summary>
    /// Validates <paramref name="upload"/> as audio and stores it as the item's new current version.
    /// Throws <see cref="MediaRejectedException"/> when the bytes are not acceptable audio.
    /// </summary>
    Task<MediaInfo> ReplaceAsync(MediaUpload upload);

    /// <summary>
    /// Removes the item and all its versions from the store; false when it did not exist. New
    /// URL requests then answer not found; URLs already handed out may still play from a
    /// listener's cache until they expire.
    /// </summary>
    Task<bool> DeleteAsync();

    /// <summary>
    /// Re-reads the item's description from the store, because the store reported that it changed
    /// (a document updated behind the grain's back). Playback URLs asked for afterwards name the
    /// new version; the old version stays readable while the store has it. Returns the current description.
    /// </summary>
    Task<MediaInfo?> RefreshAsync();
}
