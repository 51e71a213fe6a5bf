using System.ComponentModel.DataAnnotations;
using System.Net;
using MediaOrleans.Silo.Limits;

namespace MediaOrleans.Silo.Shout;

/// <summary>The SHOUT listener (mod_shout playback and libshout recording ingest), bound from <c>Media:Shout</c>.</summary>
public sealed class ShoutOptions : ListenerLimitOptions, IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Shout";

    /// <summary>TCP port (default 24518).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24518;

    /// <summary>
    /// Seconds a recording source may send nothing before the recording is ended with what it has
    /// (default 30; mod_shout sends about every 100 ms, filling silence itself).
    /// </summary>
    [Range(1, 3600)]
    public int SourceIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Least rate, in bytes per second, at which a recording source must send, judged over windows
    /// of <see cref="ListenerLimitOptions.DataRateGraceSeconds"/>; slower ends the recording as
    /// <c>too-slow</c> (default 256; mod_shout's lowest MP3 rate, 8 kbps, is 1,000 B/s, and it sends
    /// frames through silence). 0 turns it off.
    /// </summary>
    [Range(0, 100 * 1024 * 1024)]
    public int SourceMinBytesPerSecond { get; set; } = 256;

    /// <summary>Wrong source credentials from one address, within <see cref="SourceAuthWindowSeconds"/>, that cool the address (default 20).</summary>
    [Range(1, 1_000_000)]
    public int SourceAuthMaxFailures { get; set; } = 20;

    /// <summary>Seconds over which wrong source credentials are counted per address (default 60).</summary>
    [Range(1, 86_400)]
    public int SourceAuthWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a cooled address is refused (429 with <c>Retry-After</c>) whatever credentials it
    /// presents; other addresses are not affected (default 120).
    /// </summary>
    [Range(1, 86_400)]
    public int SourceAuthCoolingSeconds { get; set; } = 120;

    /// <summary>Largest piece handed to a recording grain at once, in bytes (default 64 KiB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxAppendBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// TLS on the SHOUT port: <c>Off</c>, <c>Allowed</c> (default; in effect only with a
    /// certificate in <c>Media:Tls</c>) or <c>Required</c> (see <see cref="ShoutTlsMode"/>).
    /// </summary>
    public ShoutTlsMode Tls { get; set; } = ShoutTlsMode.Allowed;

    /// <summary>
    /// Source addresses steered to TLS when <see cref="Tls"/> is <c>Allowed</c>, as addresses or
    /// CIDR prefixes (<c>10.0.0.0/8</c>; <c>0.0.0.0/0</c> and <c>::/0</c> for every switch).
    /// Default none: TLS then serves only clients that start it themselves.
    /// </summary>
    public string[] TlsAddresses { get; set; } = [];

    /// <summary>
    /// Seconds a steered address whose TLS handshake failed (it does not trust the certificate)
    /// is served in plaintext before it is steered again, under <c>Allowed</c> (default 3600).
    /// </summary>
    [Range(1, 7 * 24 * 3600)]
    public int TlsFallbackSeconds { get; set; } = 3600;

    /// <summary>The parsed <see cref="TlsAddresses"/>.</summary>
    public IReadOnlyList<IPNetwork> TlsNetworks => [.. TlsAddresses.Select(ParseNetwork)];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var text in TlsAddresses)
        {
            if (!IPNetwork.TryParse(text.Contains('/') ? text : HostPrefix(text), out _))
            {
                yield return new ValidationResult($"'{text}' is not an IP address or CIDR prefix such as 10.0.0.0/8", [nameof(TlsAddresses)]);
            }
        }
    }

    private static IPNetwork ParseNetwork(string text) => IPNetwork.Parse(text.Contains('/') ? text : HostPrefix(text));

    // A bare address is a network of one host.
    private static string HostPrefix(string address) =>
        IPAddress.TryParse(address, out var ip) ? $"{address}/{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}" : address;
}
