using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Bus;

/// <summary>Bus settings checked at start; without a broker URI the silo runs with the bus disabled.</summary>
public sealed class BusStartupTests
{
    [Fact]
    public async Task NoBusUri_HealthSaysDisabled()
    {
        await using var silo = await SiloProcess.StartAsync();

        var health = await BusSilos.HealthAsync(silo);

        Assert.Equal(("ok", "disabled"), (health.GetProperty("status").GetString(), health.GetProperty("bus").GetString()));
    }

    [Theory]
    [InlineData("Media__Bus__Uri", "http://guest:pw-7f3a9@127.0.0.1:5672", "Media:Bus:Uri")]
    [InlineData("Media__Bus__Prefetch", "0", "Media:Bus:Prefetch")]
    [InlineData("Media__Bus__Mode", "Everyone", "Media:Bus:Mode")]
    public async Task BadBusSetting_StopsTheSiloNamingTheKey_NeverThePassword(string key, string value, string named)
    {
        var settings = new Dictionary<string, string> { ["Media__Bus__Uri"] = "amqp://guest:pw-7f3a9@127.0.0.1:1", [key] = value };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(settings));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-7f3a9", failure.Message, StringComparison.Ordinal);
    }
}
