using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Owns one media item: its current version's description and, once asked for, its bytes,
/// held once for the whole cluster. Reads are read-only grain calls and interleave;
/// the content load is a shared task so concurrent first reads load once. Transcoded variants
/// are held by the silo's <see cref="TranscodeCache"/>, within its byte budget.
/// </summary>
public sealed class MediaFileGrain(IMediaStore store, IMediaCatalog catalog, TranscodeCache transcodes, ILogger<MediaFileGrain> logger)
    : Grain, IMediaFileGrain
{
    private const int MaxReadBytes = 4 * 1024 * 1024;
    private MediaInfo? _info;
    private Task<byte[]?>? _content;
    private readonly HashSet<MediaVariant> _undecodable = [];

    private string Name => this.GetPrimaryKeyString();

    // An invalid name never reaches the store: calls then answer InvalidName instead of failing activation.
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _info = MediaName.IsValid(Name) ? await store.GetInfoAsync(Name, cancellationToken) : null;

    public Task<MediaInfo?> GetInfoAsync() => Task.FromResult(_info);

    public Task<MediaChunk?> ReadAsync(string version, long offset, int count) =>
        _info is null ? Task.FromResult<MediaChunk?>(null) : ReadVariantAsync(version, MediaVariant.Stored(_info), offset, count);

    public async Task<MediaChunk?> ReadVariantAsync(string version, MediaVariant variant, long offset, int count)
    {
        if (_info is null || _info.Version != version || offset < 0 || count < 0 || !variant.IsAvailableFor(_info, out _))
        {
            return null;
        }

        var content = await ContentAsync(_info, variant);
        if (content is null)
        {
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
        _undecodable.Clear();
        MediaLog.Replaced(logger, Name, _info.Version, _info.Length, format.Codec);
        return _info;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return false;
        }

        var deleted = await catalog.DeleteAsync(Name);
        _info = null;
        _content = null;
        _undecodable.Clear();
        MediaLog.Deleted(logger, Name, deleted);
        DeactivateOnIdle();
        return deleted;
    }

    // The stored form is one task shared by concurrent readers; the transcode cache does the same per variant.
    private async Task<byte[]?> ContentAsync(MediaInfo info, MediaVariant variant)
    {
        var stored = await (_content ??= LoadAsync(info));
        if (stored is null)
        {
            _content = null;
            return null;
        }

        if (variant.IsStoredFormOf(info))
        {
            return stored;
        }

        if (_undecodable.Contains(variant))
        {
            return null;
        }

        var transcoded = await transcodes.GetAsync(info.Name, info.Version, variant, () => Transcode(info, stored, variant));
        if (transcoded is null)
        {
            // Remembered so a broken item costs one failed decode, not one per request.
            _undecodable.Add(variant);
        }

        return transcoded;
    }

    // Null when the decoder cannot handle bytes the inspector accepted: the URL then answers 404
    // with an empty body rather than failing the connection.
    private byte[]? Transcode(MediaInfo info, byte[] stored, MediaVariant variant)
    {
        var started = TimeProvider.System.GetTimestamp();
        PcmAudio pcm;
        try
        {
            pcm = info.Audio.Codec == "mp3" ? Mp3Decoder.Decode(stored) : WavCodec.Decode(stored);
        }
#pragma warning disable CA1031 // A third-party decoder's failure on one item must not fail the grain.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaLog.TranscodeFailed(logger, ex, info.Name, info.Version);
            return null;
        }

        var wav = WavCodec.ToPcm16Wav(Resampler.Resample(pcm, variant.Rate == 0 ? pcm.SampleRate : variant.Rate));
        MediaLog.Transcoded(logger, info.Name, info.Version, variant.Extension, variant.Rate, wav.Length,
            TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return wav;
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
