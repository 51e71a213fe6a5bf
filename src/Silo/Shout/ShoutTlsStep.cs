namespace MediaOrleans.Silo.Shout;

/// <summary>What the SHOUT listener does with a plaintext request, as TLS steering decides.</summary>
public enum ShoutTlsStep
{
    /// <summary>Serve it as usual.</summary>
    Serve,

    /// <summary>
    /// Close the connection without a reply: libshout's TLS probe (<c>OPTIONS</c> with
    /// <c>Upgrade: TLS/1.0</c>, then <c>GET /admin/!POKE</c>) left unanswered makes it retry
    /// with a TLS handshake on the same port.
    /// </summary>
    CloseUnanswered,

    /// <summary>Refuse a plaintext source (403): TLS is required.</summary>
    RefusePlaintextSource,
}
