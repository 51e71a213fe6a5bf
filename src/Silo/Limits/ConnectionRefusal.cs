namespace MediaOrleans.Silo.Limits;

/// <summary>Which cap a new connection hit.</summary>
public enum ConnectionRefusal
{
    /// <summary>Admitted.</summary>
    None,

    /// <summary>The listener holds its <see cref="ListenerLimitOptions.MaxConnections"/>.</summary>
    ListenerFull,

    /// <summary>The source address holds its <see cref="ListenerLimitOptions.MaxConnectionsPerAddress"/>.</summary>
    AddressFull,
}
