using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Client;

/// <summary>
/// mediactl finds a PostgreSQL-clustered silo the way the silos find each other: from Orleans'
/// own clustering keys, given as configuration arguments or as environment variables.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class MediactlPostgresTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ClusteringKeys_AsArgumentsOrEnvironment_ReachTheClusteredSilo()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 1);
        await cluster.WaitForActiveMembersAsync(1, TimeSpan.FromSeconds(30));
        var clusterId = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Database!;
        var wav = await AudioFiles.Tone8kWavAsync();

        var started = DateTime.UtcNow;
        var imported = await Mediactl.RunAsync([
            "import", wav, "--prefix", "pg", "--connect-timeout", "30",
            "--Orleans:Clustering:ProviderType=AdoNet", "--Orleans:Clustering:Invariant=Npgsql",
            $"--Orleans:Clustering:ConnectionString={cluster.ConnectionString}", "--Orleans:ClusterId", clusterId,
        ]);
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Clustering__ProviderType"] = "AdoNet",
            ["Orleans__Clustering__Invariant"] = "Npgsql",
            ["Orleans__Clustering__ConnectionString"] = cluster.ConnectionString,
            ["Orleans__ClusterId"] = clusterId,
        };
        output.WriteLine($"import through PostgreSQL membership: {(DateTime.UtcNow - started).TotalSeconds:0.0} s including process start");
        started = DateTime.UtcNow;
        var silos = await Mediactl.RunAsync(["cluster", "--json", "--connect-timeout", "30"], environment);
        output.WriteLine($"cluster: {(DateTime.UtcNow - started).TotalSeconds:0.0} s including process start");
        var listed = await Mediactl.RunAsync(["--json", "ls", "pg/", "--connect-timeout", "30"], environment);

        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.True(silos.ExitCode == 0, silos.Stderr);
        output.WriteLine(silos.StdoutText);
        var silo = Assert.Single(Mediactl.Parse(silos).GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Contains($":{cluster.Silos[0].Ports.Silo}:", silo.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.Equal(["pg/tone8k"], Mediactl.Parse(listed).GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }

    [SkippableFact]
    public async Task WrongClusterId_InTheDatabase_FailsWithExitFourNamingTheDatabase()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, 1);
        await cluster.WaitForActiveMembersAsync(1, TimeSpan.FromSeconds(30));

        var result = await Mediactl.RunAsync([
            "ls", "--connect-timeout", "2",
            "--Orleans:Clustering:ProviderType=AdoNet", "--Orleans:Clustering:Invariant=Npgsql",
            $"--Orleans:Clustering:ConnectionString={cluster.ConnectionString}", "--Orleans:ClusterId=nobody-here",
        ]);

        output.WriteLine(result.Stderr);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("PostgreSQL at", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cluster 'nobody-here'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.ConnectionString, result.Stderr, StringComparison.Ordinal);
    }
}
