using MediaOrleans.Fuzz;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Fuzz;

/// <summary>
/// The short hostile-input campaign (the full one is bench/fuzz.sh): a fixed seed, every family,
/// against a silo with its bus on a private RabbitMQ node. Any crash, hang, unexpected 5xx,
/// control mismatch or memory over the bound fails it, with the inputs that reproduce it.
/// </summary>
[Collection(SharedRabbitMq.Name)]
public sealed class FuzzCampaignTests(RabbitMqServer broker, ITestOutputHelper output)
{
    private const int Seed = 12;
    private const int Inputs = 2_000;

    [SkippableFact]
    public async Task ShortCampaign_FixedSeed_LeavesTheSiloServingAndBounded()
    {
        broker.Require();
        var settings = BusSilos.Isolated(broker, "fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        await using var silo = await BusSilos.StartConnectedAsync(settings);

        var report = await Campaign.RunAsync(
            new FuzzSettings(silo.HttpPort, silo.ShoutPort, silo.Pid, broker.Uri, settings["Media__Bus__RequestExchange"],
                Inputs, Seed, BatchSize: 250, Parallelism: 8, MaxRssMegabytes: 768,
                ApiKey: Environment.GetEnvironmentVariable("MEDIAORLEANS_API_KEY")),
            TextWriter.Null, CancellationToken.None);
        output.WriteLine(report.ToString());

        Assert.True(report.Clean, $"{report}\n--- silo output (tail) ---\n{Tail(silo.Output)}");
        Assert.Equal(Inputs, report.Inputs);
        Assert.False(silo.HasExited);
    }

    private static string Tail(string text) => text.Length <= 8_000 ? text : text[^8_000..];
}
