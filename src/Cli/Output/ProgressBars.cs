using Spectre.Console;

namespace MediaOrleans.Cli.Output;

/// <summary>A byte-counting progress bar on standard error while a person watches; nothing otherwise.</summary>
internal static class ProgressBars
{
    /// <summary>
    /// Runs <paramref name="work"/>, handing it a progress sink for the bytes done so far out of
    /// <paramref name="totalBytes"/>; the bar is drawn only when <see cref="CommandOutput.ShowsProgress"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(CommandOutput output, string description, long totalBytes, Func<IProgress<long>, Task<T>> work)
    {
        if (!output.ShowsProgress)
        {
            return await work(new Progress<long>());
        }

        return await new Progress(output.ProgressConsole())
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(totalBytes, 1));
                var result = await work(new SynchronousProgress(done => task.Value = done));
                task.Value = task.MaxValue;
                return result;
            });
    }

    // Progress<T> would post to the thread pool and could update the bar after it was finished.
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
