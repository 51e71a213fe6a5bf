namespace MediaOrleans.Soak.Cluster;

/// <summary>
/// The silos under test, clustered through PostgreSQL membership and sharing one data directory
/// (media store and recording spool), with the bus on the given broker; and that broker's stop and
/// start, which the fault injector uses.
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private SoakCluster(IReadOnlyList<SiloHost> silos, IBroker broker)
    {
        Silos = silos;
        Broker = broker;
    }

    public IReadOnlyList<SiloHost> Silos { get; }

    public IBroker Broker { get; }

    /// <summary>Starts <see cref="SoakSettings.Silos"/> silos at once and waits until each answers.</summary>
    public static async Task<SoakCluster> StartAsync(SoakSettings settings, IBroker broker, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(broker);
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Clustering__ProviderType"] = "AdoNet",
            ["Orleans__Clustering__Invariant"] = "Npgsql",
            ["Orleans__Clustering__ConnectionString"] = settings.ClusteringConnectionString,
            ["Orleans__ClusterId"] = settings.ClusterId,
            ["Media__DataPath"] = Path.Combine(settings.WorkDirectory, "data"),
            ["Media__Bus__Uri"] = broker.Uri,
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
        };
        var silos = Enumerable.Range(0, settings.Silos)
            .Select(i => new SiloHost(i, settings.SiloAssembly, environment, Path.Combine(settings.WorkDirectory, $"silo{i}.log"))).ToList();
        await Task.WhenAll(silos.Select(s => s.StartAsync(StartTimeout, cancel)));
        return new SoakCluster(silos, broker);
    }

    /// <summary>Starts silo <paramref name="index"/> again on its ports after it was killed or stopped itself.</summary>
    public Task RestartAsync(int index, CancellationToken cancel) => Silos[index].StartAsync(StartTimeout, cancel);

    /// <summary>Restarts every silo that is not running (one may stop itself after being declared dead while paused).</summary>
    public async Task ReviveAsync(CancellationToken cancel)
    {
        foreach (var silo in Silos.Where(s => !s.Running))
        {
            await silo.StartAsync(StartTimeout, cancel);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.ResumeAsync();
            await silo.KillAsync();
        }
    }
}

/// <summary>The bus broker: its URI, and how to stop and start it for a broker-restart fault.</summary>
public interface IBroker
{
    string Uri { get; }

    Task StopAsync();

    Task StartAsync();
}
