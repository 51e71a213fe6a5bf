using System.Globalization;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server 3.10) on free loopback ports with its data in
/// a temp dir, started once for a test collection (it takes 7-14 s). Started with
/// <c>rabbitmq-server -detached</c> from <c>/usr/lib/rabbitmq/bin</c> (the <c>/usr/sbin</c>
/// wrapper switches user), stopped with <c>rabbitmqctl stop</c> (or SIGKILL by PID as a last
/// resort), and its private epmd killed at the end. Tests may stop and start the same node
/// again: it keeps its port, durable queues and persistent messages.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private readonly string _folder = Directory.CreateTempSubdirectory("mediaorleans-rabbitmq-").FullName;
    private readonly string _node = $"mediaorleans{Guid.NewGuid().ToString("N")[..8]}@localhost";
    private readonly int _distPort = FreePorts.Next();
    private readonly int _epmdPort = FreePorts.Next();
    private string? _missing;

    private readonly TestCertificates? _tls;

    /// <summary>A node with a plain AMQP listener.</summary>
    public RabbitMqServer()
    {
    }

    // Private: a collection fixture may have one public constructor only.
    private RabbitMqServer(TestCertificates tls) => _tls = tls;

    /// <summary>A node that also listens for AMQP over TLS with <paramref name="tls"/>'s server certificate.</summary>
    public static RabbitMqServer WithTls(TestCertificates tls) => new(tls);

    /// <summary>The AMQP-over-TLS port on 127.0.0.1, when started with certificates.</summary>
    public int TlsPort { get; } = FreePorts.Next();

    /// <summary>The <c>amqps://</c> broker address, for the host name the test certificate carries.</summary>
    public string TlsUri => $"amqps://guest:guest@localhost:{TlsPort}";

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; } = FreePorts.Next();

    /// <summary>The broker address, as <c>Media:Bus:Uri</c> takes it (no trailing slash: that would name vhost "").</summary>
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}";

    /// <summary>Whether the node is running (as far as this fixture started and stopped it).</summary>
    public bool Running { get; private set; }

    private string PidFile => Path.Combine(_folder, "rabbit.pid");

    /// <summary>Skips (or, with CI=true, fails) the calling test when RabbitMQ is not installed.</summary>
    public void Require()
    {
        Requirements.Tools($"{Bin}/rabbitmq-server", $"{Bin}/rabbitmqctl", "epmd");
        Assert.True(_missing is null, _missing);
        Assert.True(Running, "the RabbitMQ node is not running");
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Requirements.Locate($"{Bin}/rabbitmq-server") is null || Requirements.Locate("epmd") is null)
        {
            // Reported by Require() in each test, which skips or fails as Requirements decides.
            return;
        }

        // "listeners.tcp.default", not ".1": RABBITMQ_NODE_PORT already makes the default listener,
        // and a second one on the same port fails the boot with eaddrinuse.
        await File.WriteAllTextAsync(Path.Combine(_folder, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}\n" + TlsConfiguration());
        try
        {
            await StartAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            _missing = ex.Message;
        }
    }

    /// <summary>Starts the node (again) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var started = await ProcessRunner.RunAsync($"{Bin}/rabbitmq-server", ["-detached"], TimeSpan.FromSeconds(30), BrokerEnvironment());
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq-server -detached failed ({started.ExitCode}): {started.Stderr}{Log()}");
        }

        var wait = await Ctl(["wait", "--timeout", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), PidFile],
            StartTimeout + TimeSpan.FromSeconds(10));
        if (wait.ExitCode != 0)
        {
            throw new InvalidOperationException($"RabbitMQ node {_node} did not start: {wait.StdoutText}{wait.Stderr}{Log()}");
        }

        Running = true;
    }

    /// <summary>Stops the node (rabbitmqctl stop waits until the process has gone); epmd keeps running.</summary>
    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        Running = false;
        var pid = ReadPid();
        ProcessResult? stop = null;
        try
        {
            stop = await Ctl(["stop", PidFile], TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
        }

        if (stop?.ExitCode != 0 && pid is { } stuck)
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", stuck.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Ready and unacknowledged message counts of <paramref name="queue"/> as the broker reports them.</summary>
    public async Task<(int Ready, int Unacknowledged)?> QueueCountsAsync(string queue)
    {
        var result = await Ctl(["list_queues", "--quiet", "--no-table-headers", "name", "messages_ready", "messages_unacknowledged"],
            TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var line in result.StdoutText.Split('\n'))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3 && fields[0] == queue)
            {
                return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Requirements.Locate("epmd") is not null)
        {
            await ProcessRunner.RunAsync("epmd", ["-port", _epmdPort.ToString(CultureInfo.InvariantCulture), "-kill"],
                TimeSpan.FromSeconds(10), BrokerEnvironment());
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A straggling Erlang process may still hold a log file; the temp dir is left behind.
        }
    }

    private Task<ProcessResult> Ctl(IEnumerable<string> arguments, TimeSpan timeout) =>
        ProcessRunner.RunAsync($"{Bin}/rabbitmqctl", ["-n", _node, .. arguments], timeout, BrokerEnvironment());

    // RABBITMQ_BASE is ignored on Linux: every location is set on its own. HOME holds the Erlang cookie
    // rabbitmqctl must share; the private epmd keeps this node apart from any other on the machine.
    private Dictionary<string, string> BrokerEnvironment() => new()
    {
        ["HOME"] = _folder,
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_NODENAME"] = _node,
        ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_CONF_ENV_FILE"] = "/dev/null",
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf"),
        ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
    };

    private string TlsConfiguration() => _tls is null
        ? string.Empty
        : $"listeners.ssl.default = 127.0.0.1:{TlsPort.ToString(CultureInfo.InvariantCulture)}\n"
          + $"ssl_options.cacertfile = {_tls.CaPath}\n"
          + $"ssl_options.certfile = {_tls.CertificatePath}\n"
          + $"ssl_options.keyfile = {_tls.KeyPath}\n"
          + "ssl_options.verify = verify_none\n"
          + "ssl_options.fail_if_no_peer_cert = false\n";

    private int? ReadPid() =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    private string Log()
    {
        var log = Path.Combine(_folder, "log", _node + ".log");
        return File.Exists(log) ? "\n" + string.Join('\n', File.ReadLines(log).TakeLast(30)) : string.Empty;
    }
}
