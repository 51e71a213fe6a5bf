using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Grains;

public sealed class TranscodeCacheTests
{
    private static readonly MediaVariant Wav8k = new("wav", 8000);

    [Fact]
    public async Task ConcurrentReaders_ShareOneTranscode()
    {
        using var cache = new TranscodeCache(Options.Create(new TranscodeOptions { CacheBytes = 1 << 20 }));
        using var release = new ManualResetEventSlim();
        var runs = 0;
        byte[]? Slow()
        {
            Interlocked.Increment(ref runs);
            release.Wait(TimeSpan.FromSeconds(10));
            return new byte[10];
        }

        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("a", "v1", Wav8k, Slow)).ToArray();
        release.Set();
        var results = await Task.WhenAll(readers);

        Assert.Equal(1, runs);
        Assert.All(results, bytes => Assert.Same(results[0], bytes));
        Assert.Equal(10, cache.HeldBytes);
    }

    [Fact]
    public async Task HeldBytes_StayWithinTheBudget_AndEvictedVariantsAreTranscodedAgain()
    {
        using var cache = new TranscodeCache(Options.Create(new TranscodeOptions { CacheBytes = 250 }));
        var runs = 0;
        byte[] Hundred()
        {
            Interlocked.Increment(ref runs);
            return new byte[100];
        }

        foreach (var version in new[] { "v1", "v2", "v3" })
        {
            await cache.GetAsync("a", version, Wav8k, Hundred);
            Assert.True(cache.HeldBytes <= 250, $"{cache.HeldBytes} bytes held");
        }

        await cache.GetAsync("a", "v3", Wav8k, Hundred); // still held
        await cache.GetAsync("a", "v1", Wav8k, Hundred); // evicted by v3
        Assert.Equal(4, runs);
    }

    [Fact]
    public async Task AFailedTranscode_ReachesEveryWaitingReader_AndIsNotHeld()
    {
        using var cache = new TranscodeCache(Options.Create(new TranscodeOptions()));
        using var release = new ManualResetEventSlim();
        var runs = 0;
        byte[]? Failing()
        {
            Interlocked.Increment(ref runs);
            release.Wait(TimeSpan.FromSeconds(10));
            throw new InvalidDataException("bad frame");
        }

        // Eight readers ask while the one transcode is still running, then it fails.
        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("a", "v1", Wav8k, Failing)).ToArray();
        release.Set();

        foreach (var reader in readers)
        {
            var failure = await Assert.ThrowsAsync<InvalidDataException>(() => reader);
            Assert.Equal("bad frame", failure.Message);
        }

        Assert.Equal(1, runs);
        Assert.Equal(0, cache.HeldBytes);
        // Nothing of the failure is kept: the next reader transcodes again.
        Assert.Equal(10, (await cache.GetAsync("a", "v1", Wav8k, () => new byte[10]))!.Length);
    }

    [Fact]
    public async Task AVariantThatCannotBeTranscoded_IsNullForEveryWaitingReader_AndIsNotHeld()
    {
        using var cache = new TranscodeCache(Options.Create(new TranscodeOptions()));
        using var release = new ManualResetEventSlim();
        var runs = 0;
        byte[]? Nothing()
        {
            Interlocked.Increment(ref runs);
            release.Wait(TimeSpan.FromSeconds(10));
            return null;
        }

        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("a", "v1", Wav8k, Nothing)).ToArray();
        release.Set();
        var results = await Task.WhenAll(readers);

        Assert.All(results, Assert.Null);
        Assert.Equal(1, runs);
        Assert.Equal(0, cache.HeldBytes);
        await cache.GetAsync("a", "v1", Wav8k, Nothing);
        Assert.Equal(2, runs);
    }
}
