using MediaOrleans.Grains.Telemetry;
using OpenTelemetry.Metrics;

namespace MediaOrleans.Silo.Telemetry;

/// <summary>
/// The silo's metrics: the <c>MediaOrleans</c> meter, Orleans' own, ASP.NET Core's and Kestrel's,
/// and the .NET runtime's, all exported in Prometheus text on the HTTP listener's <c>/metrics</c>
/// (mapped with the admin API's access control by <c>Http/MetricsEndpoint</c>).
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>Meters built into .NET and ASP.NET Core that the silo exports besides its own.</summary>
    public static readonly IReadOnlyList<string> PlatformMeters =
    [
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
        "System.Net.Http",
        "System.Net.NameResolution",
    ];

    /// <summary>Adds the meter provider and its Prometheus exporter.</summary>
    public static IServiceCollection AddMediaMetrics(this IServiceCollection services)
    {
        services.AddSingleton<SiloReadings>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloReadings>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MediaMetrics.MeterName)
            .AddMeter([.. PlatformMeters])
            // Every scrape collects afresh: Prometheus scrapes every 15 s or so, and a cached
            // answer would hide the traffic of the last fraction of a second from a test or a person.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
