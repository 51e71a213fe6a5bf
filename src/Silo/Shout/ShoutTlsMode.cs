namespace MediaOrleans.Silo.Shout;

/// <summary>Whether the SHOUT port speaks TLS (<c>Media:Shout:Tls</c>).</summary>
public enum ShoutTlsMode
{
    /// <summary>Plaintext only, as Icecast without TLS.</summary>
    Off,

    /// <summary>
    /// A connection that opens with a TLS ClientHello is served over TLS; plaintext sources are
    /// served too. Sources from <c>Media:Shout:TlsAddresses</c> are steered to TLS unless their last
    /// handshake failed. The default when a certificate is configured (without one, the same as Off).
    /// </summary>
    Allowed,

    /// <summary>Every source is steered to TLS and a plaintext source is refused (403). Needs a certificate.</summary>
    Required,
}
