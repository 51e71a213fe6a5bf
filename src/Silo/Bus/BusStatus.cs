using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Bus;

/// <summary>The bus connection's current state, written by the connection loop and read by the health endpoint.</summary>
public sealed class BusStatus(IOptions<BusOptions> options)
{
    // Connecting from the start when a broker is configured, so health never says "disabled"
    // while the silo is still starting up.
    private volatile BusState _state = options.Value.Enabled ? BusState.Connecting : BusState.Disabled;

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
