using MediaOrleans.Grains.Media;

namespace MediaOrleans.Tests.Grains;

public sealed class ByteBudgetCacheTests
{
    [Fact]
    public void AddingPastTheBudget_EvictsTheLeastRecentlyUsed()
    {
        var cache = new ByteBudgetCache<string>(300);
        cache.Add("a", new byte[100]);
        cache.Add("b", new byte[100]);
        cache.Add("c", new byte[100]);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the oldest

        var evicted = cache.Add("d", new byte[100]);

        Assert.Equal(1, evicted);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(300, cache.Bytes);
    }

    [Fact]
    public void AnEntryLargerThanTheBudget_IsNotKept_AndEvictsNothing()
    {
        var cache = new ByteBudgetCache<string>(300);
        cache.Add("a", new byte[200]);

        Assert.Equal(0, cache.Add("huge", new byte[301]));

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.Equal(200, cache.Bytes);
    }

    [Fact]
    public void ReplacingAKey_CountsOnlyTheNewValue()
    {
        var cache = new ByteBudgetCache<string>(1000);
        cache.Add("a", new byte[400]);
        cache.Add("a", new byte[100]);

        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(100, value.Length);
        Assert.Equal(100, cache.Bytes);
    }
}
