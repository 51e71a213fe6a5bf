namespace MediaOrleans.Soak.Cluster;

/// <summary>
/// The silos under test, clustered through PostgreSQL membership and sharing one data directory
/// (recording spool, and the media store unless a CouchDB-compatible <see cref="Store"/> is
/// given), with the bus on <see cref="Broker"/>; the fault injector stops and starts both.
/// </summary>
public sealed class SoakCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private SoakCluster(IReadOnlyList<SiloHost> silos, IRestartable broker, IRestartable? store)
    {
        Silos = silos;
        Broker = broker;
        Store = store;
    }

    public IReadOnlyList<SiloHost> Silos { get; }

    public IRestartable Broker { get; }

    /// <summary>The CouchDB-compatible media store, or null for the shared directory store.</summary>
    public IRestartable? Store { get; }

    /// <summary>Starts <see cref="SoakSettings.Silos"/> silos at once and waits until each answers.</summary>
    public static async Task<SoakCluster> StartAsync(SoakSettings settings, IRestartable broker, IRestartable? store, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(broker);
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Clustering__ProviderType"] = "AdoNet",
            ["Orleans__Clustering__Invariant"] = "Npgsql",
            ["Orleans__Clustering__ConnectionString"] = settings.ClusteringConnectionString,
            ["Orleans__ClusterId"] = settings.ClusterId,
            ["Media__DataPath"] = settings.DataDirectory,
            ["Media__Bus__Uri"] = broker.Uri,
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
            // Idle grains go after 2 min instead of 15, so a silo's memory settles within minutes
            // and growth over the second half of a run means a leak, not activations piling up.
            ["Orleans__GrainCollection__CollectionAge"] = "00:02:00",
        };
        if (store is not null)
        {
            environment["Media__Store__Kind"] = "CouchDb";
            environment["Media__CouchDb__Url"] = store.Uri;
        }

        var silos = Enumerable.Range(0, settings.Silos)
            .Select(i => new SiloHost(i, settings.SiloAssembly, environment, Path.Combine(settings.WorkDirectory, $"silo{i}.log"))).ToList();
        await Task.WhenAll(silos.Select(s => s.StartAsync(StartTimeout, cancel)));
        return new SoakCluster(silos, broker, store);
    }

    /// <summary>Starts silo <paramref name="index"/> again on its ports unless it runs (killed, or stopped itself after being declared dead while paused).</summary>
    public async Task ReviveAsync(int index, CancellationToken cancel)
    {
        if (!Silos[index].Running)
        {
            await Silos[index].StartAsync(StartTimeout, cancel);
        }
    }

    /// <summary>Waits until every running silo says its bus is connected (consuming its queues again).</summary>
    public async Task WaitBusConnectedAsync(TimeSpan timeout, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var silo in Silos.Where(s => s.Running))
        {
            while (!await BusConnectedAsync(http, silo, cancel))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"silo {silo.Index} did not connect to the bus within {timeout.TotalSeconds:F0} s");
                }

                await Task.Delay(100, cancel);
            }
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

    private static async Task<bool> BusConnectedAsync(HttpClient http, SiloHost silo, CancellationToken cancel)
    {
        try
        {
            return (await http.GetStringAsync(new Uri(silo.HttpBase, "api/health"), cancel)).Contains("\"bus\":\"connected\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return false; // restarting, or paused by an earlier fault: asked again
        }
    }
}
