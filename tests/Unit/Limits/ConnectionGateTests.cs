using System.Net;
using MediaOrleans.Silo.Limits;

namespace MediaOrleans.Tests.Limits;

public sealed class ConnectionGateTests
{
    private static readonly IPAddress One = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Two = IPAddress.Parse("10.0.0.2");

    [Fact]
    public void TryEnter_PastThePerAddressCap_RefusesThatAddressOnly()
    {
        var gate = new ConnectionGate(10, 2);
        using var a = gate.TryEnter(One, out _);
        using var b = gate.TryEnter(One, out _);

        Assert.Null(gate.TryEnter(One, out var refusal));
        Assert.Equal(ConnectionRefusal.AddressFull, refusal);
        using var other = gate.TryEnter(Two, out refusal);
        Assert.NotNull(other);
        Assert.Equal(ConnectionRefusal.None, refusal);
    }

    [Fact]
    public void TryEnter_PastTheGlobalCap_RefusesEveryAddress()
    {
        var gate = new ConnectionGate(2, 2);
        using var a = gate.TryEnter(One, out _);
        using var b = gate.TryEnter(Two, out _);

        Assert.Null(gate.TryEnter(IPAddress.Parse("10.0.0.3"), out var refusal));
        Assert.Equal(ConnectionRefusal.ListenerFull, refusal);
    }

    [Fact]
    public void Lease_Disposed_GivesItsPlaceBackOnce()
    {
        var gate = new ConnectionGate(1, 1);
        var lease = gate.TryEnter(One, out _)!;
        lease.Dispose();
        lease.Dispose();

        using var again = gate.TryEnter(One, out _);
        Assert.NotNull(again);
        Assert.Equal(1, gate.Open);
    }

    [Fact]
    public void TryEnter_IPv4MappedAddress_CountsAsTheIPv4One()
    {
        var gate = new ConnectionGate(10, 1);
        using var a = gate.TryEnter(One, out _);

        Assert.Null(gate.TryEnter(One.MapToIPv6(), out var refusal));
        Assert.Equal(ConnectionRefusal.AddressFull, refusal);
    }
}
