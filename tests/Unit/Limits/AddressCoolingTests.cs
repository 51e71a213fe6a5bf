using System.Net;
using MediaOrleans.Silo.Limits;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Limits;

public sealed class AddressCoolingTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("10.0.0.66");
    private static readonly IPAddress Switch = IPAddress.Parse("10.0.0.1");
    private readonly FakeTimeProvider _time = new();

    private AddressCooling Cooling() => new(3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), _time);

    [Fact]
    public void Fail_TheNthTimeWithinTheWindow_StartsCoolingOnceForThatAddressOnly()
    {
        var cooling = Cooling();

        Assert.False(cooling.Fail(Attacker));
        Assert.False(cooling.Fail(Attacker));
        Assert.True(cooling.Fail(Attacker));
        Assert.False(cooling.Fail(Attacker));

        Assert.Equal(TimeSpan.FromSeconds(120), cooling.CoolingLeft(Attacker));
        Assert.Null(cooling.CoolingLeft(Switch));
    }

    [Fact]
    public void CoolingLeft_AfterTheCoolingPeriod_IsNull()
    {
        var cooling = Cooling();
        for (var i = 0; i < 3; i++)
        {
            cooling.Fail(Attacker);
        }

        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(TimeSpan.FromSeconds(1), cooling.CoolingLeft(Attacker));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cooling.CoolingLeft(Attacker));
    }

    [Fact]
    public void Fail_SpreadOverMoreThanTheWindow_NeverCools()
    {
        var cooling = Cooling();
        for (var i = 0; i < 10; i++)
        {
            Assert.False(cooling.Fail(Attacker));
            _time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.Null(cooling.CoolingLeft(Attacker));
    }

    [Fact]
    public void Fail_FromMoreAddressesThanTracked_KeepsTheCooledOnes()
    {
        var cooling = Cooling();
        for (var i = 0; i < 3; i++)
        {
            cooling.Fail(Attacker);
        }

        for (var i = 0; i < AddressCooling.MaxTracked + 10; i++)
        {
            cooling.Fail(new IPAddress(BitConverter.GetBytes(i + 1)));
        }

        Assert.NotNull(cooling.CoolingLeft(Attacker));
    }
}
