using System.Collections.Concurrent;
using System.Net;
using MediaOrleans.Silo.Tls;
using MediaOrleans.Silo.Wire;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Decides which sources are steered to TLS. libshout in its default mode (TLS auto, which
/// mod_shout uses) first probes in plaintext; answering the probe keeps it in plaintext, while
/// closing it unanswered makes it start TLS on the same port. A switch that does not trust the
/// certificate then fails its handshake and does not fall back by itself, so under
/// <see cref="ShoutTlsMode.Allowed"/> its address is not steered for
/// <see cref="ShoutOptions.TlsFallbackSeconds"/> and its next attempt records in plaintext.
/// </summary>
public sealed class ShoutTlsSteering(IOptions<ShoutOptions> options, ServerCertificate certificate, TimeProvider time)
{
    // Only addresses an operator listed are remembered; past this many the oldest news is dropped
    // and such an address is simply steered again (TLS is tried, never silently skipped).
    private const int MaxRememberedFailures = 65_536;

    private readonly ShoutOptions _options = options.Value;
    private readonly IReadOnlyList<IPNetwork> _steered = options.Value.TlsNetworks;
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _plaintextUntil = new();

    /// <summary>The mode in effect: <see cref="ShoutTlsMode.Off"/> when no certificate is configured.</summary>
    public ShoutTlsMode Mode => certificate.IsConfigured ? _options.Tls : ShoutTlsMode.Off;

    /// <summary>What to do with a plaintext request <paramref name="head"/> from <paramref name="address"/>.</summary>
    public ShoutTlsStep Decide(RequestHead head, IPAddress? address)
    {
        var mode = Mode;
        if (mode == ShoutTlsMode.Off)
        {
            return ShoutTlsStep.Serve;
        }

        if (mode == ShoutTlsMode.Required && head.Method is RequestMethod.Source or RequestMethod.Put)
        {
            return ShoutTlsStep.RefusePlaintextSource;
        }

        return IsTlsProbe(head) && IsSteered(mode, address) ? ShoutTlsStep.CloseUnanswered : ShoutTlsStep.Serve;
    }

    /// <summary>
    /// Notes that TLS failed for <paramref name="address"/>: a failed handshake, or a TLS connection
    /// that ended before its first request (the client rejected the certificate after the
    /// handshake). Under <c>Allowed</c> the address records in plaintext for a while.
    /// </summary>
    public void HandshakeFailed(IPAddress? address)
    {
        if (address is null || !IsListed(address))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_plaintextUntil.Count >= MaxRememberedFailures)
        {
            foreach (var (expired, _) in _plaintextUntil.Where(entry => entry.Value <= now))
            {
                _plaintextUntil.TryRemove(expired, out _);
            }

            if (_plaintextUntil.Count >= MaxRememberedFailures)
            {
                return;
            }
        }

        _plaintextUntil[address] = now.AddSeconds(_options.TlsFallbackSeconds);
    }

    /// <summary>Notes a TLS connection that sent a request: the address is steered again at once.</summary>
    public void HandshakeSucceeded(IPAddress? address)
    {
        if (address is not null)
        {
            _plaintextUntil.TryRemove(address, out _);
        }
    }

    // libshout's probe: OPTIONS asking to upgrade to TLS, and the GET /admin/!POKE it sends when
    // the OPTIONS went unanswered.
    private static bool IsTlsProbe(RequestHead head) =>
        (head.Method == RequestMethod.Options && head["Upgrade"]?.Contains("TLS", StringComparison.OrdinalIgnoreCase) == true)
        || (head.Method == RequestMethod.Get && head.Target == "/admin/!POKE");

    private bool IsSteered(ShoutTlsMode mode, IPAddress? address)
    {
        if (mode == ShoutTlsMode.Required)
        {
            return true;
        }

        return address is not null && IsListed(address)
            && !(_plaintextUntil.TryGetValue(address, out var until) && until > time.GetUtcNow());
    }

    private bool IsListed(IPAddress address) => _steered.Any(network => network.Contains(address));
}
