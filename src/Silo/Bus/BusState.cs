namespace MediaOrleans.Silo.Bus;

/// <summary>Where this silo's bus connection stands, as <c>/api/health</c> reports it.</summary>
public enum BusState
{
    /// <summary>No <c>Media:Bus:Uri</c> configured.</summary>
    Disabled,

    /// <summary>Connecting, or waiting to reconnect to a broker that is down or went away.</summary>
    Connecting,

    /// <summary>Connected and consuming requests.</summary>
    Connected,
}
