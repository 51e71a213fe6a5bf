namespace MediaOrleans.Silo.Http;

/// <summary>
/// What <c>GET /api/cluster</c> reports: every silo in the membership with its status and, for
/// active ones, the load Orleans' management grain last sampled.
/// </summary>
public sealed record ClusterStatus(IReadOnlyList<ClusterSilo> Silos)
{
    /// <summary>Asks the management grain now.</summary>
    public static async Task<ClusterStatus> ReadAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == Orleans.Runtime.SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var byAddress = active.Zip(statistics).ToDictionary(pair => pair.First, pair => pair.Second);
        return new ClusterStatus([.. hosts
            .OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h =>
            {
                var stats = byAddress.GetValueOrDefault(h.SiloAddress);
                return new ClusterSilo(h.SiloAddress.ToParsableString(), h.SiloName, h.HostName, h.Status.ToString().ToLowerInvariant(),
                    h.StartTime, stats?.ActivationCount, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage,
                    stats?.EnvironmentStatistics.FilteredMemoryUsageBytes);
            })]);
    }
}

/// <summary>One silo of <see cref="ClusterStatus"/>.</summary>
public sealed record ClusterSilo(string Address, string Name, string HostName, string Status, DateTime StartedAt,
    int? Activations, float? CpuUsagePercent, long? MemoryUsageBytes);
