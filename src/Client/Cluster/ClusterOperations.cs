namespace MediaOrleans.Client.Cluster;

/// <summary>The cluster's silos and their load, from Orleans' management grain.</summary>
/// <param name="grains">Any Orleans client's (or silo's) grain factory.</param>
public sealed class ClusterOperations(IGrainFactory grains)
{
    /// <summary>
    /// The silos in the membership (only active ones unless <paramref name="includeInactive"/>),
    /// ordered by address, each active one with its latest runtime statistics.
    /// </summary>
    public async Task<IReadOnlyList<SiloLoad>> GetSilosAsync(bool includeInactive = false)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: !includeInactive).ConfigureAwait(false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).ConfigureAwait(false);
        var byAddress = active.Zip(statistics).ToDictionary(pair => pair.First, pair => pair.Second);
        return hosts
            .OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h =>
            {
                var stats = byAddress.GetValueOrDefault(h.SiloAddress);
                return new SiloLoad(h.SiloAddress.ToString(), h.SiloName, h.HostName,
                    h.Status.ToString().ToLowerInvariant(), h.StartTime,
                    stats?.ActivationCount, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage, stats?.EnvironmentStatistics.FilteredMemoryUsageBytes, stats?.ClientCount, stats?.IsOverloaded);
            })
            .ToList();
    }
}
