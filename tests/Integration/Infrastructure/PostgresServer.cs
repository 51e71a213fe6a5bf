using System.Globalization;
using Npgsql;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A private PostgreSQL instance on a free loopback port, in its own temporary directory,
/// started with the server binaries on the machine and stopped by PID.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private PostgresServer(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The folder with PostgreSQL's server programs, or null when none is installed.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    /// <summary>Initialises a data directory and starts the server.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        Requirements.That(bin is not null, "PostgreSQL server binaries are not installed; run scripts/install-test-deps.sh");
        var directory = Directory.CreateTempSubdirectory("mediaorleans-pg-").FullName;
        var server = new PostgresServer(directory, bin!, FreePorts.Next());
        // PostgreSQL refuses to run as root: the tests run it as the postgres user then.
        if (Environment.UserName == "root")
        {
            await Run("chown", ["-R", "postgres", directory]);
        }

        var data = Path.Combine(directory, "data");
        await server.AsServerUser("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        await server.AsServerUser("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "-o",
            string.Create(CultureInfo.InvariantCulture,
                $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"), "start"]);
        server.ProcessId = int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
        return server;
    }

    /// <summary>Connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true");

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ProcessId > 0)
        {
            try
            {
                using var postmaster = System.Diagnostics.Process.GetProcessById(ProcessId);
                postmaster.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await postmaster.WaitForExitAsync(deadline.Token);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task AsServerUser(string program, string[] arguments) =>
        Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : Run(Path.Combine(_bin, program), arguments);

    private static async Task Run(string file, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StdoutText}{result.Stderr}");
    }
}
