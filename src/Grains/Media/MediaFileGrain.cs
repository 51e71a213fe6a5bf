using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Owns one media item: its current version's description and, once asked for, its bytes,
/// held once for the whole cluster. Reads are read-only grain calls and interleave;
/// the content load is a shared task so concurrent first reads load once.
/// </summary>
public sealed class MediaFileGrain(IMediaStore store, ILogger<MediaFileGrain> logger) : Grain, IMediaFileGrain
{
    private const int MaxReadBytes = 4 * 1024 * 1024;
    private MediaInfo? _info;
    private Task<byte[]?>? _content;

    private string Name => this.GetPrimaryKeyString();

    // An invalid name never reaches the store: calls then answer InvalidName instead of failing activation.
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _info = MediaName.IsValid(Name) ? await store.GetInfoAsync(Name, cancellationToken) : null;

    public Task<MediaInfo?> GetInfoAsync() => Task.FromResult(_info);

    public async Task<MediaChunk?> ReadAsync(string version, long offset, int count)
    {
        if (_info is null || _info.Version != version || offset < 0 || count < 0)
        {
            return null;
        }

        var content = await (_content ??= LoadAsync(_info));
        if (content is null)
        {
            _content = null;
            return null;
        }

        var start = (int)Math.Min(offset, content.Length);
        var length = Math.Min(Math.Min(count, MaxReadBytes), content.Length - start);
        return new MediaChunk(content.AsSpan(start, length).ToArray(), content.Length);
    }

    public async Task<MediaInfo> ReplaceAsync(MediaUpload upload)
    {
        if (!MediaName.IsValid(Name))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{Name}' is not a valid media name");
        }

        var (contentType, format) = AudioInspector.Inspect(upload.ContentType, upload.Content);
        _info = await store.PutAsync(Name, contentType, upload.Content, format);
        _content = Task.FromResult<byte[]?>(upload.Content);
        MediaLog.Replaced(logger, Name, _info.Version, _info.Length, format.Codec);
        return _info;
    }

    private async Task<byte[]?> LoadAsync(MediaInfo info)
    {
        await using var stream = await store.OpenReadAsync(info.Name, info.Version);
        if (stream is null)
        {
            MediaLog.VersionMissing(logger, info.Name, info.Version);
            return null;
        }

        var content = new byte[info.Length];
        await stream.ReadExactlyAsync(content);
        MediaLog.Loaded(logger, info.Name, info.Version, info.Length);
        return content;
    }
}
