using MediaOrleans.Silo.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaOrleans.Silo.Health;

/// <summary>Ready only while the media store answers (within <see cref="Timeout"/>, one attempt).</summary>
internal sealed class StoreHealthCheck(IStoreProbe store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var problem = await store.ProbeAsync(deadline.Token);
        return problem is null
            ? HealthCheckResult.Healthy("the media store answers")
            : HealthCheckResult.Unhealthy(problem);
    }
}
