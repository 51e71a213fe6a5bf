using MediaOrleans.Silo.Http.Access;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// <c>GET /metrics</c>: every meter the silo exports, in Prometheus text, for callers the admin
/// API admits as <c>reader</c> (loopback without a key; a Prometheus elsewhere sends a reader
/// key as <c>Authorization: Bearer</c>). The exporter serves it from a branch of the pipeline,
/// not a route handler, so access is checked by the branch's first step.
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>The scrape path.</summary>
    public const string Path = "/metrics";

    /// <summary>Maps <c>/metrics</c>.</summary>
    public static void MapMetrics(this IEndpointRouteBuilder builder) =>
        builder.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.RequireAdmin(AdminRole.Reader), optionsName: null);
}
