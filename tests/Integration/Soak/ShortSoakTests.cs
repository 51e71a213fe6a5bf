using System.Globalization;
using MediaOrleans.IntegrationTests.Infrastructure;
using MediaOrleans.Soak;
using MediaOrleans.Soak.Checking;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Soak;

/// <summary>
/// The short chaos soak (the long one is bench/soak.sh): three silos on a private PostgreSQL with
/// their bus on a private RabbitMQ node and their media in a private pouchdb-server, the shared
/// spool on a 64 MB tmpfs, two minutes of mixed load with faults drawn from a fixed seed. Any
/// invariant violation in the history fails it, with the report (history lines, seed).
/// SOAK_FAULTS (comma-separated: kill, pause, broker-restart, store-outage, disk-full; all by
/// default) and SOAK_MINUTES change the run without changing the invariants.
/// </summary>
public sealed class ShortSoakTests(ITestOutputHelper output)
{
    private const int Seed = 20261202;

    [SkippableFact]
    public async Task ShortSoak_FixedSeed_HoldsEveryInvariant()
    {
        Requirements.Tools("sox", "lame", "ffmpeg", SourceClients.ModShoutClient);
        await using var postgres = await PostgresServer.StartAsync();
        await using var couch = await PouchDbServer.StartAsync();
        var broker = new RabbitMqServer();
        await broker.InitializeAsync();
        try
        {
            broker.Require();
            var database = $"soak_{Guid.NewGuid():N}";
            var work = Directory.CreateTempSubdirectory("mediaorleans-soak-").FullName;
            var faults = (Environment.GetEnvironmentVariable("SOAK_FAULTS") ?? string.Join(',', FaultKinds.All))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var minutes = double.Parse(Environment.GetEnvironmentVariable("SOAK_MINUTES") ?? "2", CultureInfo.InvariantCulture);
            var settings = new SoakSettings(Seed, TimeSpan.FromMinutes(minutes), RepoPaths.SiloAssembly,
                await postgres.CreateDatabaseAsync(database), database, work, SourceClients.ModShoutClient, faults)
            {
                ConcurrentRecordings = 4,
                MinFaultGap = TimeSpan.FromSeconds(10),
                MaxFaultGap = TimeSpan.FromSeconds(20),
            };

            SoakOutcome outcome;
            await using (await TmpfsMount.MountAsync(64L << 20, settings.DataDirectory))
            {
                outcome = await SoakRun.RunAsync(settings, new CheckerSettings(), new BrokerControl(broker), new StoreControl(couch),
                    TextWriter.Null, CancellationToken.None);
            }

            output.WriteLine(outcome.Report);
            output.WriteLine($"history and silo logs: {work}");

            Assert.True(outcome.Violations.Count == 0, outcome.Report);
            Assert.Contains(outcome.History, e => e.Type == EventTypes.End && e.Kind == OpKinds.Store && e.Ok);
            Assert.Contains(outcome.History, e => e.Type == EventTypes.FaultStart);
            Directory.Delete(work, recursive: true);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    /// <summary>The private node as the soak's broker: the fault injector stops and starts it.</summary>
    private sealed class BrokerControl(RabbitMqServer server) : IRestartable
    {
        public string Uri => server.Uri;

        public Task StopAsync() => server.StopAsync();

        public Task StartAsync() => server.StartAsync();
    }

    /// <summary>The private pouchdb-server as the silos' media store: stopped as a crash, started again with its data.</summary>
    private sealed class StoreControl(PouchDbServer server) : IRestartable
    {
        public string Uri => server.UrlWithCredentials;

        public Task StopAsync() => server.StopAsync();

        public Task StartAsync() => server.RestartAsync();
    }
}
