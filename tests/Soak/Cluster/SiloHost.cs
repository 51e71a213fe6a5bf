using System.Diagnostics;
using System.Globalization;

namespace MediaOrleans.Soak.Cluster;

/// <summary>
/// One silo of the soak cluster: a process started from the built silo assembly on fixed private
/// ports (a restart takes the same ones), killed, paused and resumed by PID. Its output goes to a
/// log file per silo, appended across restarts.
/// </summary>
public sealed class SiloHost
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private Process? _process;

    public SiloHost(int index, string siloAssembly, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Index = index;
        SiloAssembly = siloAssembly;
        _logPath = logPath;
        HttpPort = FreePort.Next();
        ShoutPort = FreePort.Next();
        var environment = new Dictionary<string, string>(settings)
        {
            ["Media__Http__Port"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Media__Shout__Port"] = ShoutPort.ToString(CultureInfo.InvariantCulture),
            ["Media__ListenAddress"] = "127.0.0.1",
            ["Media__AdvertisedHost"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
        };
        _environment = environment;
    }

    public int Index { get; }

    public string SiloAssembly { get; }

    public int HttpPort { get; }

    public int ShoutPort { get; }

    public Uri HttpBase => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>The running process's id, or 0.</summary>
    public int Pid => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>Whether the process runs (it may be paused).</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Starts the process and waits until its health endpoint answers.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancel)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiloAssembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Write(log, $"[soak] silo {Index} pid {process.Id} exited");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(timeout, cancel);
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGSTOP: the process stays, answering nothing.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Waits until <c>/api/health</c> answers 200; throws if the process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!Running)
            {
                throw new InvalidOperationException($"silo {Index} exited while starting; see {_logPath}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpBase, "api/health"), cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException($"silo {Index} not healthy within {timeout}; see {_logPath}");
    }

    private async Task SignalAsync(string signal)
    {
        var pid = Pid;
        if (pid == 0)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
