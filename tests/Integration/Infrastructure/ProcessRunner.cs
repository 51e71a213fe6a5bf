using System.Diagnostics;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>What a finished command produced.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr)
{
    /// <summary>Standard output as text.</summary>
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
}

/// <summary>Runs real client programs (curl, sox, shout, ffmpeg, ...) with a deadline.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="script"/> with bash, killing it if it outlives <paramref name="timeout"/>.</summary>
    public static Task<ProcessResult> BashAsync(string script, TimeSpan timeout, IDictionary<string, string>? environment = null) =>
        RunAsync("/bin/bash", ["-c", script], timeout, environment);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>, capturing both outputs.</summary>
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            // A child the program left running (a daemon it started) can hold its output open
            // after it exits: the same deadline bounds reading the output to its end.
            await Task.WhenAll(copyOut, readErr).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var exited = process.HasExited;
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }

            var what = exited ? "exited but its output stayed open" : "did not finish";
            throw new TimeoutException($"'{file} {string.Join(' ', start.ArgumentList)}' {what} within {timeout}");
        }

        return new ProcessResult(process.ExitCode, stdout.ToArray(), await readErr);
    }
}
