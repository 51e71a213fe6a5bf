using System.Diagnostics;
using System.Text;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>A mediactl process still running; its output lines are collected as they arrive.</summary>
public sealed class RunningMediactl : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _error = new();

    internal RunningMediactl(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>What it printed on standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Waits until a line satisfies <paramref name="condition"/>; fails if the process ends first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Lines.FirstOrDefault(condition) is { } line)
            {
                return line;
            }

            Assert.False(_process.HasExited && Lines.FirstOrDefault(condition) is null,
                $"mediactl exited {(_process.HasExited ? _process.ExitCode : 0)} without the line: {string.Join('\n', Lines)}\n{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"no such line within {timeout}: {string.Join('\n', Lines)}\n{Error}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process.Dispose();
    }
}
