using MediaOrleans.Grains.Recordings;

namespace MediaOrleans.Tests.Grains;

public sealed class SourceWatchdogTests
{
    private static readonly DateTimeOffset Heard = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory]
    [InlineData(5, 1)]
    [InlineData(9, 1)]
    [InlineData(60, 12)]
    [InlineData(75, 15)]
    [InlineData(3600, 15)]
    public void Period_AFifthOfSourceLostSeconds_BetweenOneAndFifteenSeconds(int sourceLostSeconds, int periodSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(periodSeconds), new SourceWatchdog(sourceLostSeconds).Period);
    }

    [Fact]
    public void IsLost_OnlyPastSourceLostSeconds()
    {
        var watchdog = new SourceWatchdog(60);

        Assert.False(watchdog.IsLost(Heard, Heard));
        Assert.False(watchdog.IsLost(Heard, Heard.AddSeconds(60)));
        Assert.True(watchdog.IsLost(Heard, Heard.AddSeconds(60).AddTicks(1)));
    }
}
