using MediaOrleans.Silo.Playback;

namespace MediaOrleans.Tests.Playback;

public sealed class CacheLifetimeTests
{
    private const long Expires = 1_700_089_200;
    private static readonly DateTimeOffset Issued = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Seconds_FarFromExpiry_BoundedByTheConfiguredMaxAge()
    {
        Assert.Equal(600, CacheLifetime.Seconds(Expires, Issued, 600));
    }

    [Fact]
    public void Seconds_NearExpiry_BoundedByTimeLeft()
    {
        Assert.Equal(100, CacheLifetime.Seconds(Expires, DateTimeOffset.FromUnixTimeSeconds(Expires - 100), 600));
    }

    [Fact]
    public void Seconds_PastExpiry_Zero()
    {
        Assert.Equal(0, CacheLifetime.Seconds(Expires, DateTimeOffset.FromUnixTimeSeconds(Expires + 10), 600));
    }

    [Fact]
    public void Seconds_DefaultOptions_NeverAboveOneDay()
    {
        Assert.Equal(86_400, CacheLifetime.Seconds(Expires, Issued, new PlaybackCacheOptions().MaxAgeSeconds));
    }
}
