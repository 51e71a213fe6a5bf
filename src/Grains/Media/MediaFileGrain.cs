using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

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
public sealed class MediaFileGrain(
    IMediaStore store,
    IMediaCatalog catalog,
    HeldContent held,
    TranscodeCache transcodes,
    IMp3Decoder mp3Decoder,
    ILogger<MediaFileGrain> logger) : Grain, IMediaFileGrain, IHeldContentOwner, IDisposable
{
    private const int MaxReadBytes = 4 * 1024 * 1024;

    // A read of content still arriving waits for this much (or its end), not for all it asked:
    // enough to keep grain calls per byte low, little enough to start playing at once.
    private const int MinArrivedBytes = 64 * 1024;

    // Versions other than the current one kept in memory: the one just replaced (listeners may be
    // mid-stream on it) and one more asked for by an old URL.
    private const int MaxOlderVersions = 2;

    private readonly List<MediaVersion> _older = [];
    private readonly CancellationTokenSource _deactivating = new();
    private Task<MediaVersion?>? _current;
    private bool _watching;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Ends loads still running; their readers are gone with the activation.
        await _deactivating.CancelAsync();
        foreach (var entry in _older.Append(await KnownCurrentAsync()))
        {
            if (entry?.Stored is not null)
            {
                held.Forget(Name, entry.Version);
            }
        }

        if (_watching)
        {
            store.Unwatch(Name);
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
        var info = await store.PutAsync(Name, contentType, upload.Content, format, _deactivating.Token);
        var entry = await KnownCurrentAsync() is { } current && current.Version == info.Version ? current : new MediaVersion(info);
        if (entry.Stored is null)
        {
            entry.Stored = Task.FromResult<ArrivingBytes?>(ArrivingBytes.Complete(upload.Content));
            held.Hold(Name, info.Version, upload.Content.Length);
        }
        MakeCurrent(entry);
        MediaLog.Replaced(logger, Name, info.Version, info.Length, format.Codec);
        return entry.Info;
    }

    public async Task ReleaseContentAsync(string version)
    {
        var entry = await KnownCurrentAsync() is { } current && current.Version == version ? current : _older.Find(v => v.Version == version);
        if (entry is not null)
        {
            // Readers already reading keep their bytes until they finish; the next read loads again.
            // The ledger has already taken the version off.
            entry.Stored = null;
        }
    }

    public async Task<bool> DeleteAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return false;
        }

        var deleted = await catalog.DeleteAsync(Name, _deactivating.Token);
        MakeCurrent(null);
        foreach (var older in _older.ToArray())
        {
            DropOlder(older);
        }
        MediaLog.Deleted(logger, Name, deleted);
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
        var info = await store.GetInfoAsync(Name, _deactivating.Token);
        var current = await KnownCurrentAsync();
        if (info is not null && current?.Version == info.Version)
        {
            return current.Info;
        }

        MediaLog.Refreshed(logger, Name, current?.Version, info?.Version);
        MakeCurrent(info is null ? null : _older.Find(v => v.Version == info.Version) ?? new MediaVersion(info));
        return info;
    }

    // The current version, described by the store on first use. A store failure is not kept:
    // the next call asks again.
    private async Task<MediaVersion?> CurrentAsync()
    {
        var loading = _current ??= LoadCurrentAsync();
        try
        {
            var current = await loading;
            if (current is not null)
            {
                InspectIfLoaded(current);
            }

            return current;
        }
        catch (MediaStoreUnavailableException)
        {
            if (ReferenceEquals(_current, loading))
            {
                _current = null;
            }

            throw;
        }
    }

    // The current version if it is already known, without asking the store.
    private async Task<MediaVersion?> KnownCurrentAsync() =>
        _current is { IsCompletedSuccessfully: true } known ? await known : null;

    // An invalid name never reaches the store: calls then answer null (or InvalidName) instead of failing.
    private async Task<MediaVersion?> LoadCurrentAsync()
    {
        if (!MediaName.IsValid(Name))
        {
            return null;
        }

        // Watch first: a change made between reading the description and watching would be missed.
        await WatchAsync();
        var info = await store.GetInfoAsync(Name, _deactivating.Token);
        return info is null ? null : new MediaVersion(info);
    }

    private async Task WatchAsync()
    {
        if (!_watching)
        {
            await store.WatchAsync(Name, _deactivating.Token);
            _watching = true;
        }
    }

    private void MakeCurrent(MediaVersion? next)
    {
        if (_current is { IsCompletedSuccessfully: true } known && known.Result is { } previous && previous != next)
        {
            previous.Confirmed = false;
            _older.Remove(previous);
            _older.Add(previous);
        }

        if (next is not null)
        {
            _older.Remove(next);
            next.Confirmed = true;
        }

        while (_older.Count > MaxOlderVersions)
        {
            DropOlder(_older[0]);
        }

        _current = Task.FromResult(next);
    }

    // A load that found nothing or broke off is forgotten, so the next read loads again.
    private void DropFailedLoad(MediaVersion entry, Task<ArrivingBytes?> loading)
    {
        if (entry.Stored == loading)
        {
            entry.Stored = null;
            held.Forget(Name, entry.Version);
        }
    }

    private void DropOlder(MediaVersion entry)
    {
        _older.Remove(entry);
        if (entry.Stored is not null)
        {
            held.Forget(Name, entry.Version);
        }
    }

    private async Task<MediaVersion?> VersionAsync(string version)
    {
        var current = await CurrentAsync();
        if (current?.Version == version)
        {
            return current;
        }

        var older = _older.Find(v => v.Version == version);
        if (older is { Confirmed: true })
        {
            return older;
        }

        var info = await store.GetVersionAsync(Name, version, _deactivating.Token);
        older = _older.Find(v => v.Version == version);
        if (info is null)
        {
            if (older is not null)
            {
                DropOlder(older);
            }

            return null;
        }

        if (older is null)
        {
            older = new MediaVersion(info);
            _older.Add(older);
            while (_older.Count > MaxOlderVersions)
            {
                DropOlder(_older[0]);
            }
        }

        older.Confirmed = true;
        return older;
    }

    private async Task<MediaChunk?> ReadStoredAsync(MediaVersion entry, long offset, int count)
    {
        var loading = entry.Stored ??= LoadAsync(entry.Info);
        var bytes = await loading;
        if (bytes is null)
        {
            DropFailedLoad(entry, loading);
            return null;
        }

        var start = Math.Min(offset, bytes.Length);
        var end = Math.Min(start + Math.Min(count, MaxReadBytes), bytes.Length);
        if (!await bytes.WaitForAsync(Math.Min(end, start + MinArrivedBytes)))
        {
            // The load broke off before this range: the next read loads again.
            DropFailedLoad(entry, loading);
            return null;
        }

        InspectIfLoaded(entry);
        held.Touch(Name, entry.Version);
        var data = bytes.Slice(start, end - start);
        return new MediaChunk(data.ToArray(), bytes.Length);
    }

    // Opens the store's stream and fills the content in the background; readers start on the
    // first bytes. The fill runs off the grain's scheduler: it only touches the content object.
    private async Task<ArrivingBytes?> LoadAsync(MediaInfo info)
    {
        var stream = await store.OpenReadAsync(info.Name, info.Version, _deactivating.Token);
        if (stream is null)
        {
            MediaLog.VersionMissing(logger, info.Name, info.Version);
            return null;
        }

        var bytes = new ArrivingBytes(info.Length);
        held.CountStoreRead();
        held.Hold(Name, info.Version, info.Length);
        var token = _deactivating.Token;
        _ = Task.Run(() => FillAsync(stream, bytes, info, token), CancellationToken.None);
        return bytes;
    }

    private async Task FillAsync(Stream stream, ArrivingBytes bytes, MediaInfo info, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await using (stream)
            {
                while (!bytes.IsComplete)
                {
                    var read = await stream.ReadAsync(bytes.Unfilled, cancellationToken);
                    if (read == 0)
                    {
                        throw new EndOfStreamException($"the store sent {bytes.Arrived} of {bytes.Length} bytes");
                    }

                    bytes.Advance(read);
                }
            }

            MediaLog.Loaded(logger, info.Name, info.Version, info.Length, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // Any failure of the store's stream ends this load only; readers see it through the content.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            bytes.Fail(ex);
            MediaLog.LoadFailed(logger, info.Name, info.Version, bytes.Arrived, info.Length, ex.Message);
        }
    }

    // Media written by someone else arrives without an inspected format: inspect it once it is all there.
    private void InspectIfLoaded(MediaVersion entry)
    {
        if (entry.Inspected || entry.Info.Audio.IsKnown)
        {
            return;
        }

        if (entry.Stored is not { IsCompletedSuccessfully: true } stored || stored.Result is not { IsComplete: true } bytes)
        {
            return;
        }

        entry.Inspected = true;
        try
        {
            var (_, format) = AudioInspector.Inspect(entry.Info.ContentType, bytes.Content);
            entry.Info = entry.Info with { Audio = format };
        }
        catch (MediaRejectedException rejected)
        {
            // Still served as stored; only transcoding needs the format.
            MediaLog.NotInspectable(logger, entry.Info.Name, entry.Version, rejected.Message);
        }
    }

    // One task per form, shared by concurrent readers, so each is transcoded once.
    private async Task<byte[]?> TranscodedAsync(MediaVersion entry, MediaVariant variant)
    {
        var loading = entry.Stored ??= LoadAsync(entry.Info);
        var bytes = await loading;
        if (bytes is null || !await bytes.WaitForAsync(bytes.Length))
        {
            DropFailedLoad(entry, loading);
            return null;
        }

        InspectIfLoaded(entry);
        if (entry.Undecodable.Contains(variant))
        {
            return null;
        }

        var info = entry.Info;
        var transcoded = await transcodes.GetAsync(info.Name, info.Version, variant, () => Transcode(info, bytes.Content, variant));
        if (transcoded is null)
        {
            // Remembered so a broken item costs one failed decode, not one per request.
            entry.Undecodable.Add(variant);
        }

        return transcoded;
    }

    // Null when the decoder cannot handle the bytes: the URL then answers 404 with an empty body
    // rather than failing the connection.
    private byte[]? Transcode(MediaInfo info, byte[] stored, MediaVariant variant)
    {
        var started = TimeProvider.System.GetTimestamp();
        PcmAudio pcm;
        try
        {
            pcm = MediaVariant.ExtensionOf(info) == "mp3" ? mp3Decoder.Decode(stored) : WavCodec.Decode(stored);
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
}
