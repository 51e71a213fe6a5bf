using System.Diagnostics;
using System.Text;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A real silo process on private ports with its own data directory, started from the built
/// assembly and stopped by PID. Its output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    // How long a killed or exited silo may take to be gone with its output read to the end.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, SiloPorts ports, string dataPath)
    {
        _process = process;
        Ports = ports;
        DataPath = dataPath;
    }

    /// <summary>Every port the silo listens on (offset included); pass them again to restart it in the same place.</summary>
    public SiloPorts Ports { get; }

    /// <summary>HTTP listener port.</summary>
    public int HttpPort => Ports.Http;

    /// <summary>SHOUT listener port.</summary>
    public int ShoutPort => Ports.Shout;

    /// <summary>The silo's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The silo's data directory.</summary>
    public string DataPath { get; }

    /// <summary>Base address of the HTTP listener.</summary>
    public Uri HttpBase => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Everything the silo printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo and waits until its admin API answers.</summary>
    public static async Task<SiloProcess> StartAsync(IDictionary<string, string>? settings = null, string? dataPath = null,
        SiloPorts? ports = null)
    {
        Assert.True(File.Exists(RepoPaths.SiloAssembly), $"silo not built: {RepoPaths.SiloAssembly}");
        dataPath ??= Directory.CreateTempSubdirectory("mediaorleans-silo-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings, dataPath,
                    ports ?? new SiloPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
            }
            catch (InvalidOperationException ex) when (ports is null && attempt < 3
                                                       && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A free port was taken between the probe and the silo's bind (another test run on
                // this machine): new ports. Ports given by the caller are kept and the failure stands.
            }
        }
    }

    private static async Task<SiloProcess> StartOnceAsync(IDictionary<string, string>? settings, string dataPath, SiloPorts ports)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.SiloAssembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        var environment = new Dictionary<string, string>
        {
            ["Media__Http__Port"] = ports.Http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__Shout__Port"] = ports.Shout.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__ListenAddress"] = "127.0.0.1",
            ["Media__AdvertisedHost"] = "127.0.0.1",
            ["Media__DataPath"] = dataPath,
            ["Orleans__Endpoints__SiloPort"] = ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Polly"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // With Media:PortOffset the silo listens on the given ports plus the offset.
        var offset = settings is not null && settings.TryGetValue("Media__PortOffset", out var text)
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var listening = new SiloPorts(ports.Http + offset, ports.Shout + offset, ports.Silo + offset, ports.Gateway + offset);
        var silo = new SiloProcess(Process.Start(start)!, listening, dataPath);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            // Nobody else holds it yet: a silo that never became healthy must not outlive the test.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Asks the silo to stop (SIGTERM) and waits until it has exited; its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var kill = await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout);
        Assert.Equal(0, kill.ExitCode);
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process (SIGKILL) without any shutdown.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // WaitForExitAsync also waits for the redirected output to be read to its end (bounded,
                // should a child hold it open); otherwise the message may miss the silo's last words.
                using var drained = new CancellationTokenSource(ExitTimeout);
                await _process.WaitForExitAsync(drained.Token);
                throw new InvalidOperationException($"silo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpBase, "api/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"silo not healthy within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>The ports one silo listens on.</summary>
public sealed record SiloPorts(int Http, int Shout, int Silo, int Gateway);
