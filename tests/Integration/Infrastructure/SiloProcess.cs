using System.Diagnostics;
using System.Text;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A real silo process on private ports with its own data directory, started from the built
/// assembly and stopped by PID. Its output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort, int shoutPort, string dataPath)
    {
        _process = process;
        HttpPort = httpPort;
        ShoutPort = shoutPort;
        DataPath = dataPath;
    }

    /// <summary>HTTP listener port.</summary>
    public int HttpPort { get; }

    /// <summary>SHOUT listener port.</summary>
    public int ShoutPort { get; }

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
    public static async Task<SiloProcess> StartAsync(IDictionary<string, string>? settings = null, string? dataPath = null)
    {
        Assert.True(File.Exists(RepoPaths.SiloAssembly), $"silo not built: {RepoPaths.SiloAssembly}");
        var httpPort = FreePorts.Next();
        var shoutPort = FreePorts.Next();
        dataPath ??= Directory.CreateTempSubdirectory("mediaorleans-silo-").FullName;
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
            ["Media__Http__Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__Shout__Port"] = shoutPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__ListenAddress"] = "127.0.0.1",
            ["Media__AdvertisedHost"] = "127.0.0.1",
            ["Media__DataPath"] = dataPath,
            ["Orleans__Endpoints__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
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

        var silo = new SiloProcess(Process.Start(start)!, httpPort, shoutPort, dataPath);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Kills the process (SIGKILL) without any shutdown.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
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
                // Without a timeout, WaitForExit also waits for the redirected output to be read to its
                // end; otherwise the message may miss what the silo printed just before it exited.
                _process.WaitForExit();
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
