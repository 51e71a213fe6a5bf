using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Owns one media item: its current version's description and, once asked for, its bytes,
/// held once for the whole cluster. Reads are read-only grain calls and interleave; each load is
/// a shared task, so concurrent first reads load once, and a read returns as soon as its range
/// has arrived from the store while the load goes on. Versions that stopped being current stay
/// readable while the store still has them, so old URLs keep playing what they name. Transcoded
/// variants are held by the silo's <see cref="TranscodeCache"/>; stored bytes by the grain, within
/// the silo's budget kept by <see cref="HeldContent"/>, which may ask the grain to let a version go.
/// </summary>
public sealed class MediaFileGrain : Grain, IMediaFileGrain, IHeldContentOwner, IDisposable
{
    private const int MaxReadBytes = 4 * 1024 * 1024;

    // A read of content still arriving waits for this much (or its end), not for all it asked:
    // enough to keep grain calls per byte low, little enough to start playing at once.
    private const int MinArrivedBytes = 64 * 1024;

    private readonly IMediaStore _store;
    private readonly IMediaCatalog _catalog;
    private readonly TranscodeCache _transcodes;
    private readonly ILogger<MediaFileGrain> _logger;
    private readonly CancellationTokenSource _deactivating = new();
    private readonly MediaVersions _versions;
    private readonly StoredContentLoader _content;
    private readonly VariantTranscoder _transcoder;
    private bool _watching;

    public MediaFileGrain(IMediaStore store, IMediaCatalog catalog, HeldContent held, TranscodeCache transcodes,
        IMp3Decoder mp3Decoder, IOptions<TranscodeOptions> transcodeOptions, TimeProvider time, ILogger<MediaFileGrain> logger)
    {
        _store = store;
        _catalog = catalog;
        _transcodes = transcodes;
        _logger = logger;
        _content = new StoredContentLoader(Name, store, held, time, logger, _deactivating.Token);
        _versions = new MediaVersions(_content.Forget);
        _transcoder = new VariantTranscoder(mp3Decoder, transcodeOptions.Value, time, logger);
    }

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Ends loads still running; their readers are gone with the activation.
        await _deactivating.CancelAsync();
        foreach (var entry in _versions.All)
        {
            _content.Forget(entry);
        }

        if (_watching)
        {
            _store.Unwatch(Name);
        }
    }

    public void Dispose() => _deactivating.Dispose();

    public async Task<MediaInfo?> GetInfoAsync() => (await CurrentAsync())?.Info;

    public async Task<MediaInfo?> GetVersionInfoAsync(string version) => (await VersionAsync(version))?.Info;

    public async Task<MediaChunk?> ReadAsync(string version, long offset, int count)
    {
        var entry = await VersionAsync(version);
        return entry is null ? null : await ReadVariantAsync(version, MediaVariant.Stored(entry.Info), offset, count);
    }

    public async Task<MediaChunk?> ReadVariantAsync(string version, MediaVariant variant, long offset, int count)
    {
        if (offset < 0 || count < 0 || await VersionAsync(version) is not { } entry
            || !entry.Info.Streamable || !variant.IsAvailableFor(entry.Info, out _))
        {
            return null;
        }

        if (variant.IsStoredFormOf(entry.Info))
        {
            return await ReadStoredAsync(entry, offset, count);
        }

        var content = await TranscodedAsync(entry, variant);
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
        await WatchAsync();
        var info = await _store.PutAsync(Name, contentType, upload.Content, format, _deactivating.Token);
        var entry = _versions.KnownCurrent is { } current && current.Version == info.Version ? current : new MediaVersion(info);
        _content.Uploaded(entry, upload.Content);
        _versions.MakeCurrent(entry);
        MediaLog.Replaced(_logger, Name, info.Version, info.Length, format.Codec);
        return entry.Info;
    }

    public Task ReleaseContentAsync(string version)
    {
        if (_versions.Find(version) is { } entry)
        {
            StoredContentLoader.Released(entry);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return false;
        }

        var deleted = await _catalog.DeleteAsync(Name, _deactivating.Token);
        _versions.Clear();
        MediaLog.Deleted(_logger, Name, deleted);
        DeactivateOnIdle();
        return deleted;
    }

    public async Task<MediaInfo?> RefreshAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return null;
        }

        await WatchAsync();
        var info = await _store.GetInfoAsync(Name, _deactivating.Token);
        var current = _versions.KnownCurrent;
        if (info is not null && current?.Version == info.Version)
        {
            return current.Info;
        }

        MediaLog.Refreshed(_logger, Name, current?.Version, info?.Version);
        _versions.MakeCurrent(info is null ? null : _versions.FindOlder(info.Version) ?? new MediaVersion(info));
        return info;
    }

    private async Task<MediaVersion?> CurrentAsync()
    {
        var current = await _versions.CurrentAsync(DescribeCurrentAsync);
        if (current is not null)
        {
            VersionInspection.InspectIfLoaded(current, _logger);
        }

        return current;
    }

    // An invalid name never reaches the store: calls then answer null (or InvalidName) instead of failing.
    private async Task<MediaVersion?> DescribeCurrentAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return null;
        }

        // Watch first: a change made between reading the description and watching would be missed.
        await WatchAsync();
        var info = await _store.GetInfoAsync(Name, _deactivating.Token);
        return info is null ? null : new MediaVersion(info);
    }

    private async Task WatchAsync()
    {
        if (!_watching)
        {
            await _store.WatchAsync(Name, _deactivating.Token);
            _watching = true;
        }
    }

    private async Task<MediaVersion?> VersionAsync(string version)
    {
        var current = await CurrentAsync();
        if (current?.Version == version)
        {
            return current;
        }

        if (_versions.FindOlder(version) is { Confirmed: true } older)
        {
            return older;
        }

        return _versions.Confirm(version, await _store.GetVersionAsync(Name, version, _deactivating.Token));
    }

    private async Task<MediaChunk?> ReadStoredAsync(MediaVersion entry, long offset, int count)
    {
        if (await _content.ArrivedAsync(entry, offset, Math.Min(count, MinArrivedBytes)) is not { } bytes)
        {
            return null;
        }

        VersionInspection.InspectIfLoaded(entry, _logger);
        _content.Touch(entry);
        var start = Math.Min(offset, bytes.Length);
        var end = Math.Min(start + Math.Min(count, MaxReadBytes), bytes.Length);
        return new MediaChunk(bytes.Slice(start, end - start).ToArray(), bytes.Length);
    }

    // One task per form, shared by concurrent readers, so each is transcoded once.
    private async Task<byte[]?> TranscodedAsync(MediaVersion entry, MediaVariant variant)
    {
        if (await _content.ArrivedAsync(entry, 0, long.MaxValue) is not { } bytes)
        {
            return null;
        }

        VersionInspection.InspectIfLoaded(entry, _logger);
        if (entry.Undecodable.Contains(variant))
        {
            return null;
        }

        var info = entry.Info;
        var transcoded = await _transcodes.GetAsync(info.Name, info.Version, variant, () => _transcoder.Transcode(info, bytes.Content, variant));
        if (transcoded is null)
        {
            // Remembered so a broken item costs one failed decode, not one per request.
            entry.Undecodable.Add(variant);
        }

        return transcoded;
    }
}
