using MediaOrleans.Grains.Recordings;

namespace MediaOrleans.Tests.Grains;

public sealed class StoreRetryScheduleTests
{
    [Fact]
    public void Next_StartsAtTheFirstDelay_DoublesUpToTheLongest()
    {
        var schedule = new StoreRetrySchedule(new RecordingOptions { StoreRetryFirstSeconds = 1, StoreRetryMaxSeconds = 60 });

        var delays = Enumerable.Range(0, 9).Select(_ => schedule.Next().TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Reset_StartsOverAtTheFirstDelay()
    {
        var schedule = new StoreRetrySchedule(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));
        schedule.Next();
        schedule.Next();

        schedule.Reset();

        Assert.Equal(TimeSpan.FromSeconds(3), schedule.Next());
        Assert.Equal(TimeSpan.FromSeconds(6), schedule.Next());
    }

    [Fact]
    public void Next_FirstDelayLongerThanTheLongest_IsKeptOnce_ThenTheLongest()
    {
        var schedule = new StoreRetrySchedule(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(90), schedule.Next());
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Next());
    }
}
