using MediaOrleans.Grains.Concurrency;

namespace MediaOrleans.Tests.Concurrency;

public sealed class SharedLoadsTests
{
    [Fact]
    public async Task GetOrStart_ConcurrentCallersOfOneKey_ShareOneLoad()
    {
        var loads = new SharedLoads<string, int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        Task<int> Load(string key)
        {
            Interlocked.Increment(ref started);
            return gate.Task;
        }

        var callers = new Task<int>[20];
        Parallel.For(0, callers.Length, i => callers[i] = loads.GetOrStart("a", Load));
        Assert.Equal(1, started);
        Assert.Equal(1, loads.Count);

        gate.SetResult(42);
        foreach (var caller in callers)
        {
            Assert.Equal(42, await caller);
        }

        Assert.Equal(0, loads.Count);
    }

    [Fact]
    public async Task GetOrStart_DifferentKeys_LoadEach()
    {
        var loads = new SharedLoads<string, string>();
        var a = loads.GetOrStart("a", key => Task.FromResult(key + "!"));
        var b = loads.GetOrStart("b", key => Task.FromResult(key + "?"));
        Assert.Equal("a!", await a);
        Assert.Equal("b?", await b);
    }

    [Fact]
    public async Task GetOrStart_AfterAFailedLoad_StartsAgain()
    {
        var loads = new SharedLoads<int, int>();
        var failed = loads.GetOrStart(1, _ => Task.FromException<int>(new InvalidOperationException("store down")));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("store down", error.Message);
        Assert.Equal(0, loads.Count);

        Assert.Equal(7, await loads.GetOrStart(1, _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task GetOrStart_LoadThrowingBeforeItsFirstAwait_FailsTheSharedTask()
    {
        var loads = new SharedLoads<int, int>();
        var failed = loads.GetOrStart(1, _ => throw new ArgumentException("bad key"));
        await Assert.ThrowsAsync<ArgumentException>(() => failed);
        Assert.Equal(0, loads.Count);
    }

    [Fact]
    public async Task GetOrStart_CancelledLoad_CancelsTheSharedTask()
    {
        var loads = new SharedLoads<int, int>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var task = loads.GetOrStart(1, _ => Task.FromCanceled<int>(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task GetOrStart_AfterASuccessfulLoad_StartsAgainWhenAskedAgain()
    {
        // Results are kept by the caller's own cache, not here: a finished load is never handed out.
        var loads = new SharedLoads<int, int>();
        var count = 0;
        Assert.Equal(1, await loads.GetOrStart(1, _ => Task.FromResult(Interlocked.Increment(ref count))));
        Assert.Equal(2, await loads.GetOrStart(1, _ => Task.FromResult(Interlocked.Increment(ref count))));
    }
}
