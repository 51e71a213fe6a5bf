using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaOrleans.Silo.Health;

/// <summary>Ready only while this silo is an active member of its cluster (joined, not shutting down or declared dead).</summary>
internal sealed class MembershipHealthCheck(ILocalSiloDetails local, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("this silo is an active member of the cluster")
            : HealthCheckResult.Unhealthy($"this silo is {status.ToString().ToLowerInvariant()} in the cluster's membership"));
    }
}
