using System.IO.Pipelines;
using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging.Abstractions;
using MediaOrleans.Tests.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Grains;

[Collection(ProcessWideMetrics.Name)]
public sealed class StoredContentLoaderTests
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];

    private readonly OpeningStore _store = new();

    // The budget is never passed, so no grain is ever asked to let go.
    private readonly HeldContent _held = new(null!, Options.Create(new ContentCacheOptions { CacheBytes = 1 << 20 }));

    private StoredContentLoader NewLoader() =>
        new("prompts/hello", _store, _held, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    private static MediaVersion Version() =>
        new(new MediaInfo("prompts/hello", "v1", "audio/wav", Content.Length, DateTimeOffset.UnixEpoch, AudioFormat.Unknown));

    [Fact]
    public async Task ArrivedAsync_ConcurrentFirstReads_OpenTheStoreOnceAndHoldTheVersion()
    {
        _store.Open = () => new MemoryStream(Content);
        var loader = NewLoader();
        var entry = Version();

        var reads = await Task.WhenAll(loader.ArrivedAsync(entry, 0, 10), loader.ArrivedAsync(entry, 500, 10));
        var whole = await loader.ArrivedAsync(entry, 0, long.MaxValue);

        Assert.Equal(1, _store.Opened);
        Assert.Same(reads[0], reads[1]);
        Assert.Same(reads[0], whole);
        Assert.Equal(Content, whole!.Content);
        Assert.Equal(Content.Length, _held.Bytes);
        Assert.Equal(1, _held.StoreReads);
    }

    [Fact]
    public async Task ArrivedAsync_AnswersOnceTheRangeHasArrived_BeforeTheRestHas()
    {
        var pipe = new Pipe();
        _store.Open = () => pipe.Reader.AsStream();
        var entry = Version();
        var loader = NewLoader();

        await pipe.Writer.WriteAsync(Content.AsMemory(0, 100));
        var head = await loader.ArrivedAsync(entry, 10, 50);

        Assert.True(head!.Arrived >= 60);
        Assert.False(head.IsComplete);
        await pipe.Writer.WriteAsync(Content.AsMemory(100));
        await pipe.Writer.CompleteAsync();
        Assert.Same(head, await loader.ArrivedAsync(entry, 0, long.MaxValue));
        Assert.Equal(Content, head.Content);
    }

    [Fact]
    public async Task ArrivedAsync_VersionMissingFromTheStore_ReturnsNullAndLoadsAgainNextTime()
    {
        _store.Open = () => null;
        var loader = NewLoader();
        var entry = Version();

        Assert.Null(await loader.ArrivedAsync(entry, 0, 10));
        Assert.Null(entry.Stored);
        Assert.Equal(0, _held.Bytes);

        _store.Open = () => new MemoryStream(Content);
        Assert.Equal(Content, (await loader.ArrivedAsync(entry, 0, long.MaxValue))!.Content);
        Assert.Equal(2, _store.Opened);
    }

    [Fact]
    public async Task ArrivedAsync_StoreDown_ThrowsUnavailableAndLoadsAgainOnceItIsBack()
    {
        _store.Open = () => throw new MediaStoreUnavailableException("the media store is unreachable");
        var loader = NewLoader();
        var entry = Version();

        await Assert.ThrowsAsync<MediaStoreUnavailableException>(() => loader.ArrivedAsync(entry, 0, 10));
        Assert.Null(entry.Stored);
        Assert.Equal(0, _held.Bytes);

        _store.Open = () => new MemoryStream(Content);
        Assert.Equal(Content, (await loader.ArrivedAsync(entry, 0, long.MaxValue))!.Content);
        Assert.Equal(2, _store.Opened);
    }

    [Fact]
    public async Task ArrivedAsync_StoreStreamEndsEarly_ReturnsNullPastTheBreakAndForgetsTheLoad()
    {
        _store.Open = () => new MemoryStream(Content[..100]);
        var loader = NewLoader();
        var entry = Version();

        Assert.Null(await loader.ArrivedAsync(entry, 50, 100));

        Assert.Null(entry.Stored);
        Assert.Equal(0, _held.Bytes);
        _store.Open = () => new MemoryStream(Content);
        Assert.Equal(Content, (await loader.ArrivedAsync(entry, 0, long.MaxValue))!.Content);
        Assert.Equal(Content.Length, _held.Bytes);
    }

    [Fact]
    public async Task Uploaded_HoldsTheBytesWithoutTheStore_UntilForgotten()
    {
        var loader = NewLoader();
        var entry = Version();

        loader.Uploaded(entry, Content);

        Assert.Equal(Content.Length, _held.Bytes);
        Assert.Equal(Content, (await loader.ArrivedAsync(entry, 0, long.MaxValue))!.Content);
        Assert.Equal(0, _store.Opened);
        loader.Forget(entry);
        Assert.Equal(0, _held.Bytes);
    }

    [Fact]
    public async Task Uploaded_VersionAlreadyLoading_KeepsTheLoad()
    {
        _store.Open = () => new MemoryStream(Content);
        var loader = NewLoader();
        var entry = Version();
        var loaded = await loader.ArrivedAsync(entry, 0, long.MaxValue);

        loader.Uploaded(entry, [.. Content]);

        Assert.Same(loaded, await loader.ArrivedAsync(entry, 0, long.MaxValue));
        Assert.Equal(Content.Length, _held.Bytes);
    }

    [Fact]
    public async Task Released_NextReadLoadsAgain()
    {
        _store.Open = () => new MemoryStream(Content);
        var loader = NewLoader();
        var entry = Version();
        var first = await loader.ArrivedAsync(entry, 0, 10);

        StoredContentLoader.Released(entry);

        Assert.NotSame(first, await loader.ArrivedAsync(entry, 0, 10));
        Assert.Equal(2, _store.Opened);
    }

    [Fact]
    public void Forget_EntryWithoutBytes_LeavesTheLedgerAlone()
    {
        var loader = NewLoader();
        var loaded = Version();
        loader.Uploaded(loaded, Content);

        loader.Forget(new MediaVersion(loaded.Info));

        Assert.Equal(Content.Length, _held.Bytes);
    }

    [Fact]
    public async Task StoreReads_AreCountedAndTimed_AndEachFailureByItsReason()
    {
        using var capture = new MetricCapture();
        var loader = NewLoader();

        _store.Open = () => new MemoryStream(Content);
        await loader.ArrivedAsync(Version(), 0, long.MaxValue);
        _store.Open = () => null;
        await loader.ArrivedAsync(Version(), 0, 10);
        _store.Open = () => new MemoryStream(Content[..100]);
        await loader.ArrivedAsync(Version(), 50, 100);
        _store.Open = () => throw new MediaStoreUnavailableException("the store is down");
        await Assert.ThrowsAsync<MediaStoreUnavailableException>(() => loader.ArrivedAsync(Version(), 0, 10));

        // Two loads opened a stream (one whole, one cut short); only the whole one has a duration.
        Assert.Equal(2, capture.Sum("mediaorleans.store.reads"));
        Assert.Single(capture.Of("mediaorleans.store.read.duration"));
        Assert.Equal(1, capture.Sum("mediaorleans.store.read.failures", ("reason", "missing")));
        Assert.Equal(1, capture.Sum("mediaorleans.store.read.failures", ("reason", "interrupted")));
        Assert.Equal(1, capture.Sum("mediaorleans.store.read.failures", ("reason", "unavailable")));
        Assert.Equal(4, capture.Sum("mediaorleans.cache.misses", ("tier", "grains")));
    }

    private sealed class OpeningStore : IMediaStore
    {
        public Func<Stream?> Open { get; set; } = () => throw new InvalidOperationException("the store was not expected to be read");

        public int Opened { get; private set; }

        public Task<Stream?> OpenReadAsync(string name, string version, CancellationToken cancellationToken = default)
        {
            Opened++;
            return Task.FromResult(Open());
        }

        public Task<MediaInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<MediaInfo?> GetVersionAsync(string name, string version, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<MediaInfo> PutAsync(string name, string contentType, ReadOnlyMemory<byte> content, AudioFormat audio,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task WatchAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Unwatch(string name) => throw new NotSupportedException();
    }
}
