using System.Diagnostics;

namespace MediaOrleans.Soak.Cluster;

/// <summary>A service stopped and started by shell commands (bench/soak.sh hands over its own).</summary>
public sealed class CommandService(string uri, string stopCommand, string startCommand) : IRestartable
{
    public string Uri { get; } = uri;

    public Task StopAsync() => RunAsync(stopCommand);

    public Task StartAsync() => RunAsync(startCommand);

    private static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {await errors}");
        }
    }
}
