using System.Net.Security;
using System.Security.Authentication;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Tls;

/// <summary>
/// The certificate every TLS handshake of this silo presents, reloaded when its files change:
/// a handshake looks at the files' write times at most every <see cref="TlsOptions.ReloadCheckSeconds"/>,
/// so a renewed certificate is served without a restart. A change that cannot be loaded (a file
/// half written, a key that does not match) keeps the previous certificate and is logged.
/// </summary>
public sealed class ServerCertificate(IOptions<TlsOptions> options, TimeProvider time, ILogger<ServerCertificate> logger)
{
    private readonly TlsOptions _options = options.Value;
    private readonly Lock _gate = new();
    private SslStreamCertificateContext? _current;
    private (DateTime Certificate, DateTime Key) _loadedWriteTimes;
    private long _nextCheck;

    /// <summary>Whether a certificate is configured (TLS is on).</summary>
    public bool IsConfigured => _options.IsConfigured;

    /// <summary>The certificate to present now.</summary>
    public SslStreamCertificateContext Current
    {
        get
        {
            var now = time.GetTimestamp();
            lock (_gate)
            {
                if (_current is null || now >= _nextCheck)
                {
                    _nextCheck = now + (long)(_options.ReloadCheckSeconds * (double)time.TimestampFrequency);
                    Refresh();
                }

                return _current!;
            }
        }
    }

    /// <summary>Server handshake options for one connection (HTTPS and SHOUT alike).</summary>
    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = Current,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
    };

    private void Refresh()
    {
        var certificatePath = _options.CertificatePath!;
        var keyPath = _options.KeyPath!;
        var writeTimes = (File.GetLastWriteTimeUtc(certificatePath), File.GetLastWriteTimeUtc(keyPath));
        if (_current is not null && writeTimes == _loadedWriteTimes)
        {
            return;
        }

        try
        {
            var loaded = CertificateFiles.Load(certificatePath, keyPath);
            var first = _current is null;
            _current = loaded;
            _loadedWriteTimes = writeTimes;
            TlsLog.CertificateLoaded(logger, loaded.TargetCertificate.Subject, loaded.TargetCertificate.NotAfter, first ? "loaded" : "reloaded");
        }
        catch (Exception ex) when (_current is not null)
        {
            // Keep serving the certificate that works; the next check tries again.
            TlsLog.ReloadFailed(logger, certificatePath, ex.Message);
        }
    }
}
