namespace MediaOrleans.Silo.Bus;

/// <summary>Registers the message bus: the responder, the health state and the connection loop.</summary>
public static class BusServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bus. Call after Orleans is added: hosted services start in order, so the bus
    /// consumes only once the silo can answer, and stops before the silo does.
    /// </summary>
    public static IServiceCollection AddMediaBus(this IServiceCollection services)
    {
        services.AddSingleton<BusStatus>();
        services.AddSingleton<BusIdentity>();
        services.AddSingleton<KazooMediaNames>();
        services.AddSingleton<BusResponder>();
        services.AddHostedService<BusConnectionService>();
        return services;
    }
}
