using MediaOrleans.Interfaces;

namespace MediaOrleans.Client.Media;

/// <summary>
/// Media items through their grains: upload, describe, list, delete, and playback URLs. Names
/// are checked here first (<see cref="MediaName.IsValid"/>), so a bad one costs no grain call.
/// </summary>
public sealed class MediaOperations
{
    /// <summary>Default page size of <see cref="ListAsync"/>.</summary>
    public const int DefaultListLimit = 1000;

    private readonly IGrainFactory _grains;
    private readonly long _maxUploadBytes;

    /// <summary>Media operations over any Orleans client's (or silo's) grain factory.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="maxUploadBytes">Largest upload, 1 byte to <see cref="MediaUpload.MaxContentBytes"/> (default 64 MiB).</param>
    public MediaOperations(IGrainFactory grains, long maxUploadBytes = 64L * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUploadBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxUploadBytes, MediaUpload.MaxContentBytes);
        _grains = grains;
        _maxUploadBytes = maxUploadBytes;
    }

    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) as the new current version of
    /// <paramref name="name"/>. Throws <see cref="MediaTooLargeException"/> over the upload limit
    /// (before anything is sent) and <see cref="MediaRejectedException"/> when the cluster refuses
    /// the name or the bytes (not audio of <paramref name="contentType"/>).
    /// </summary>
    public async Task<MediaInfo> UploadAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        RequireValidName(name);
        var bytes = await ReadBoundedAsync(name, content, cancellationToken).ConfigureAwait(false);
        return await _grains.GetGrain<IMediaFileGrain>(name).ReplaceAsync(new MediaUpload(contentType, bytes)).ConfigureAwait(false);
    }

    /// <summary>The current version's description, or null when there is no such item.</summary>
    public Task<MediaInfo?> GetInfoAsync(string name)
    {
        RequireValidName(name);
        return _grains.GetGrain<IMediaFileGrain>(name).GetInfoAsync();
    }

    /// <summary>Up to <paramref name="limit"/> media names starting with <paramref name="prefix"/>, in ordinal order.</summary>
    public Task<IReadOnlyList<string>> ListAsync(string? prefix = null, int limit = DefaultListLimit) =>
        _grains.GetGrain<ICatalogGrain>(0).ListMediaAsync(prefix, limit);

    /// <summary>Removes the item and all its versions; false when it did not exist.</summary>
    public Task<bool> DeleteAsync(string name)
    {
        RequireValidName(name);
        return _grains.GetGrain<IMediaFileGrain>(name).DeleteAsync();
    }

    /// <summary>
    /// A signed playback URL for <paramref name="request"/>; throws <see cref="PlaybackUrlException"/>
    /// with the refusal code when there is none (unknown media, a format that cannot be served, ...).
    /// </summary>
    public async Task<PlaybackUrl> GetPlaybackUrlAsync(UrlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grant = await _grains.GetGrain<IUrlGrain>(0).GetPlaybackUrlAsync(request).ConfigureAwait(false);
        return grant is { Url: { } url, Media: { } media, ContentType: { } contentType }
            ? new PlaybackUrl(url, media, contentType)
            : throw new PlaybackUrlException(request.MediaName, grant.Refusal ?? UrlRefusal.NotFound, grant.Message);
    }

    internal static void RequireValidName(string name)
    {
        if (!MediaName.IsValid(name))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName,
                $"'{name}' is not a valid name: use /-separated segments of A-Z a-z 0-9 . _ ~ -, none starting with a dot, at most {MediaName.MaxLength} characters");
        }
    }

    // Reads at most one byte past the limit, so an endless or huge stream is refused without
    // being held in memory.
    private async Task<byte[]> ReadBoundedAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > _maxUploadBytes)
        {
            throw new MediaTooLargeException(name, content.Length - content.Position, _maxUploadBytes);
        }

        using var buffer = new MemoryStream();
        var block = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(block, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _maxUploadBytes)
            {
                throw new MediaTooLargeException(name, null, _maxUploadBytes);
            }

            buffer.Write(block, 0, read);
        }

        return buffer.ToArray();
    }
}
