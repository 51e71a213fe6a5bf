namespace MediaOrleans.Silo.Bus;

/// <summary>The bus connection's current state, written by the connection loop and read by the health endpoint.</summary>
public sealed class BusStatus
{
    private volatile BusState _state = BusState.Disabled;

    /// <summary>The current state.</summary>
    public BusState State => _state;

    /// <summary>The state as <c>/api/health</c> spells it: <c>disabled</c>, <c>connecting</c> or <c>connected</c>.</summary>
    public string Name => _state switch
    {
        BusState.Connected => "connected",
        BusState.Connecting => "connecting",
        _ => "disabled",
    };

    internal void Set(BusState state) => _state = state;
}
