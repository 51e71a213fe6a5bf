using MediaOrleans.Silo.Limits;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Limits;

public sealed class WarningPaceTests
{
    [Fact]
    public void Due_AtMostOncePerPeriod()
    {
        var time = new FakeTimeProvider();
        var pace = new WarningPace(TimeSpan.FromMinutes(1), time);

        Assert.True(pace.Due());
        Assert.False(pace.Due());
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(pace.Due());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pace.Due());
        Assert.False(pace.Due());
    }
}
