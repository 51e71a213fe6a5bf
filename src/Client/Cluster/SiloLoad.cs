namespace MediaOrleans.Client.Cluster;

/// <summary>One silo as the cluster's membership knows it, with its latest runtime statistics when it is active.</summary>
/// <param name="Address">The silo's endpoint and generation, as Orleans writes it.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="Status">Membership status: <c>active</c>, <c>joining</c>, <c>shuttingdown</c>, <c>dead</c>, ...</param>
/// <param name="StartedAt">When the silo started.</param>
/// <param name="Activations">Grain activations it holds.</param>
/// <param name="CpuUsagePercent">CPU use of its machine in percent (smoothed by Orleans), when measured.</param>
/// <param name="MemoryUsageBytes">Managed memory its process holds (smoothed by Orleans), when measured.</param>
/// <param name="Clients">Orleans clients connected to its gateway.</param>
/// <param name="Overloaded">Whether it refuses new activations because it is overloaded.</param>
public sealed record SiloLoad(
    string Address,
    string Name,
    string HostName,
    string Status,
    DateTimeOffset StartedAt,
    int? Activations,
    float? CpuUsagePercent,
    long? MemoryUsageBytes,
    long? Clients,
    bool? Overloaded);
