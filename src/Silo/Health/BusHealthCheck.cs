using MediaOrleans.Silo.Bus;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaOrleans.Silo.Health;

/// <summary>Ready only while the bus consumes requests, when a bus is configured at all.</summary>
internal sealed class BusHealthCheck(BusStatus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus.State switch
        {
            BusState.Disabled => HealthCheckResult.Healthy("no bus is configured"),
            BusState.Connected => HealthCheckResult.Healthy("connected to the broker, consuming requests"),
            _ => HealthCheckResult.Unhealthy("not connected to the broker; reconnecting"),
        });
}
