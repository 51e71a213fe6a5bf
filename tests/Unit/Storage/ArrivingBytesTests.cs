using MediaOrleans.Grains.Media;

namespace MediaOrleans.Tests.Storage;

public sealed class ArrivingBytesTests
{
    [Fact]
    public async Task WaitForAsync_ReturnsOnceThePrefixHasArrived_WhileTheRestIsMissing()
    {
        var bytes = new ArrivingBytes(10);
        var waiting = bytes.WaitForAsync(4).AsTask();

        bytes.Append([1, 2, 3]);
        Assert.False(waiting.IsCompleted);
        bytes.Append([4, 5]);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, bytes.Slice(0, 100).ToArray());
        Assert.Equal(new byte[] { 3, 4 }, bytes.Slice(2, 2).ToArray());
        Assert.False(bytes.IsComplete);
    }

    [Fact]
    public async Task WaitForAsync_LoadFailedBeforeThePrefix_ReturnsFalse_ButWhatArrivedStaysReadable()
    {
        var bytes = new ArrivingBytes(10);
        bytes.Append([7, 8]);
        var waiting = bytes.WaitForAsync(5).AsTask();

        bytes.Fail(new IOException("store went away"));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await bytes.WaitForAsync(2));
        Assert.True(bytes.HasFailed);
        Assert.Equal(new byte[] { 7, 8 }, bytes.Slice(0, 10).ToArray());
    }

    [Fact]
    public async Task Complete_IsWholeAtOnce()
    {
        var bytes = ArrivingBytes.Complete([1, 2, 3]);

        Assert.True(bytes.IsComplete);
        Assert.True(await bytes.WaitForAsync(long.MaxValue));
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes.Content);
    }

    [Fact]
    public void Advance_PastTheEnd_Throws()
    {
        var bytes = new ArrivingBytes(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => bytes.Advance(3));
        Assert.Throws<InvalidOperationException>(() => bytes.Content);
    }

    [Fact]
    public async Task ManyReaders_OneWriterOnAnotherThread_AllSeeEveryByteInOrder()
    {
        var source = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var bytes = new ArrivingBytes(source.Length);
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var seen = new List<byte>();
            while (seen.Count < source.Length)
            {
                Assert.True(await bytes.WaitForAsync(seen.Count + 1));
                seen.AddRange(bytes.Slice(seen.Count, 7000).ToArray());
            }

            return seen.ToArray();
        })).ToList();

        await Task.Run(() =>
        {
            for (var offset = 0; offset < source.Length; offset += 1500)
            {
                bytes.Append(source.AsSpan(offset, Math.Min(1500, source.Length - offset)));
            }
        });

        foreach (var reader in readers)
        {
            Assert.Equal(source, await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
