using MediaOrleans.Silo.Limits;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Limits;

public sealed class DataRateFloorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Moved_WithinTheGrace_IsAlwaysKept()
    {
        var floor = new DataRateFloor(1000, TimeSpan.FromSeconds(10), _time);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(floor.Moved(1));
    }

    [Fact]
    public void Moved_AWindowAveragingUnderTheFloor_IsNotKept()
    {
        var floor = new DataRateFloor(1000, TimeSpan.FromSeconds(10), _time);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(floor.Moved(4000));
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(floor.Moved(4000));
    }

    [Fact]
    public void Moved_WindowsAtTheFloor_AreKept()
    {
        var floor = new DataRateFloor(1000, TimeSpan.FromSeconds(10), _time);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.True(floor.Moved(10_000));
        }
    }

    [Fact]
    public void Off_KeepsEverythingAndAllowsAnyTime()
    {
        var floor = new DataRateFloor(0, TimeSpan.FromSeconds(10), _time);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(floor.Moved(0));
        Assert.Equal(Timeout.InfiniteTimeSpan, floor.TimeFor(1_000_000));
    }

    [Fact]
    public void TimeFor_IsTheGracePlusTheBytesAtTheFloor()
    {
        var floor = new DataRateFloor(1000, TimeSpan.FromSeconds(10), _time);

        Assert.Equal(TimeSpan.FromSeconds(12), floor.TimeFor(2000));
    }
}
