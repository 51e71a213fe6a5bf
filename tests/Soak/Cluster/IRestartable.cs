namespace MediaOrleans.Soak.Cluster;

/// <summary>
/// A server the silos depend on (the bus broker, the CouchDB-compatible store): its URI, and how
/// to stop and start it again with its data for a fault.
/// </summary>
public interface IRestartable
{
    string Uri { get; }

    Task StopAsync();

    Task StartAsync();
}
