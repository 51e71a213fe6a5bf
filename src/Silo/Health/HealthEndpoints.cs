using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaOrleans.Silo.Health;

/// <summary>
/// Liveness and readiness for orchestrators and load balancers, open to every caller on every
/// listener like <c>/api/health</c>: <c>/health/live</c> says the process answers (no check
/// runs), <c>/health/ready</c> runs every readiness check and answers 503 when one fails. Both
/// answer JSON with each check's status and duration; nothing in them names an address or a secret.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks.</summary>
    public static IServiceCollection AddMediaHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<MembershipHealthCheck>("membership", tags: [ReadyTag])
            .AddCheck<SpoolHealthCheck>("spool", tags: [ReadyTag])
            .AddCheck<BusHealthCheck>("bus", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapMediaHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthJson.WriteAsync,
        });
        return routes;
    }
}
