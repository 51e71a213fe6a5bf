using System.Globalization;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Cluster;

/// <summary>Samples every running silo's resident memory (VmRSS) and open descriptors (/proc/PID/fd) at a fixed interval.</summary>
public sealed class ResourceSampler(SoakCluster cluster, HistoryLog history, TimeSpan interval)
{
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var silo in cluster.Silos)
            {
                var pid = silo.Pid;
                if (pid != 0 && Sample(pid) is { } sample)
                {
                    history.Add(at => new SoakEvent(at, EventTypes.Sample, "sample", $"silo{silo.Index}", silo.Index, Pid: pid, Rss: sample.Rss, Fds: sample.Fds));
                }
            }

            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>RSS in bytes and open descriptors of <paramref name="pid"/>, or null once it is gone.</summary>
    public static (long Rss, int Fds)? Sample(int pid)
    {
        try
        {
            var rssLine = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (rssLine is null)
            {
                return null;
            }

            var kb = long.Parse(rssLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return (kb * 1024, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
