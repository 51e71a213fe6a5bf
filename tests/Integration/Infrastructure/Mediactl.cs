using System.Diagnostics;
using System.Text.Json;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Runs the built <c>mediactl</c> as a process, as a shell user would.</summary>
public static class Mediactl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // mediactl's default (3 s) is for an operator at a prompt; a loaded test machine can take
    // longer to start the process and connect. Tests of the timeout itself pass their own.
    private const string ConnectTimeoutSeconds = "60";

    /// <summary>Runs mediactl with <paramref name="arguments"/> exactly as given.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        Assert.True(File.Exists(RepoPaths.MediactlAssembly), $"mediactl not built: {RepoPaths.MediactlAssembly}");
        return ProcessRunner.RunAsync("dotnet", [RepoPaths.MediactlAssembly, .. arguments], timeout ?? Timeout, environment);
    }

    /// <summary>Runs mediactl against <paramref name="silo"/>'s gateway (given after the subcommand's arguments, with a generous connect timeout).</summary>
    public static Task<ProcessResult> RunAsync(SiloProcess silo, params string[] arguments) =>
        RunAsync([.. arguments, "--gateway", Gateway(silo), "--connect-timeout", ConnectTimeoutSeconds]);

    /// <summary>Runs mediactl against <paramref name="silo"/> with <c>--json</c>, asserting exit code 0; the document.</summary>
    public static async Task<JsonElement> JsonAsync(SiloProcess silo, params string[] arguments)
    {
        var result = await RunAsync(silo, [.. arguments, "--json"]);
        Assert.True(result.ExitCode == 0, $"mediactl {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StdoutText} {result.Stderr}");
        return Parse(result);
    }

    /// <summary>The one JSON document mediactl printed.</summary>
    public static JsonElement Parse(ProcessResult result) => JsonDocument.Parse(result.StdoutText).RootElement.Clone();

    /// <summary><c>127.0.0.1:&lt;gateway port&gt;</c> of <paramref name="silo"/>.</summary>
    public static string Gateway(SiloProcess silo) => $"127.0.0.1:{silo.Ports.Gateway}";

    /// <summary>
    /// Starts mediactl and hands back its standard output line by line as it comes, for
    /// commands that keep running (<c>recordings follow</c>).
    /// </summary>
    public static RunningMediactl Start(SiloProcess silo, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[RepoPaths.MediactlAssembly, .. arguments, "--gateway", Gateway(silo), "--connect-timeout", ConnectTimeoutSeconds])
        {
            start.ArgumentList.Add(argument);
        }

        return new RunningMediactl(Process.Start(start)!);
    }
}
