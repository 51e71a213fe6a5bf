using System.Globalization;
using Npgsql;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// Several silo processes clustered through ADO.NET membership in their own PostgreSQL
/// database, sharing one data directory (media store and recording spool), as silos sharing a
/// network volume would.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _settings;

    private SiloCluster(string connectionString, string dataPath, Dictionary<string, string> settings)
    {
        ConnectionString = connectionString;
        DataPath = dataPath;
        _settings = settings;
    }

    /// <summary>The membership database.</summary>
    public string ConnectionString { get; }

    /// <summary>The data directory every silo uses.</summary>
    public string DataPath { get; }

    /// <summary>The silos, in start order (a restarted silo takes its old place).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts <paramref name="count"/> silos at once on a new, empty database, sharing <paramref name="dataPath"/> (a new one by default).</summary>
    public static async Task<SiloCluster> StartAsync(PostgresServer postgres, int count, IDictionary<string, string>? extra = null,
        string? dataPath = null)
    {
        var database = $"cluster_{Guid.NewGuid():N}";
        var connectionString = await postgres.CreateDatabaseAsync(database);
        var settings = new Dictionary<string, string>
        {
            ["Orleans__Clustering__ProviderType"] = "AdoNet",
            ["Orleans__Clustering__Invariant"] = "Npgsql",
            ["Orleans__Clustering__ConnectionString"] = connectionString,
            ["Orleans__ClusterId"] = database,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var cluster = new SiloCluster(connectionString, dataPath ?? Directory.CreateTempSubdirectory("mediaorleans-cluster-").FullName, settings);
        var silos = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => SiloProcess.StartAsync(settings, cluster.DataPath)));
        cluster._silos.AddRange(silos);
        return cluster;
    }

    /// <summary>Starts silo <paramref name="index"/> again on its old ports after it was killed.</summary>
    public async Task<SiloProcess> RestartAsync(int index)
    {
        var old = _silos[index];
        await old.DisposeAsync();
        _silos[index] = await SiloProcess.StartAsync(_settings, DataPath, old.Ports);
        return _silos[index];
    }

    /// <summary>Orleans' membership status of an active silo.</summary>
    public const int Active = 3;

    /// <summary>Orleans' membership status of a dead silo.</summary>
    public const int Dead = 6;

    /// <summary>
    /// The newest membership row of the silo on <paramref name="siloPort"/>: its status and the
    /// silos that suspected it with when (Orleans' votes towards declaring it dead), or null if
    /// it has no row.
    /// </summary>
    public async Task<(int Status, string? SuspectTimes)?> MemberAsync(int siloPort)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT status, suspecttimes FROM orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        query.Parameters.AddWithValue("port", siloPort);
        await using var row = await query.ExecuteReaderAsync();
        return await row.ReadAsync() ? (row.GetInt32(0), row.IsDBNull(1) ? null : row.GetString(1)) : null;
    }

    /// <summary>Silos the membership table lists with <paramref name="status"/> (3 = active, 6 = dead).</summary>
    public async Task<int> CountMembersAsync(int status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = @status", connection);
        count.Parameters.AddWithValue("status", status);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="expected"/> silos are active in the membership table.</summary>
    public async Task WaitForActiveMembersAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int active;
        while ((active = await CountMembersAsync(3)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{active} active silos instead of {expected} after {timeout}");
            await Task.Delay(200);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        Directory.Delete(DataPath, recursive: true);
    }
}
