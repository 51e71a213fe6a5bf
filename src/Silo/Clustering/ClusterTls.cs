using MediaOrleans.Interfaces;
using Orleans.Connections.Security;

namespace MediaOrleans.Silo.Clustering;

/// <summary>Turns <see cref="ClusterTlsOptions"/> into Orleans' TLS settings for the silo.</summary>
public static class ClusterTls
{
    /// <summary>Adds TLS to the silo's Orleans connections when a certificate is configured.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        if (!options.IsConfigured)
        {
            return silo;
        }

        var certificate = ClusterCertificates.LoadSigning(options.CertificatePath!, options.KeyPath);
        var authority = ClusterCertificates.LoadAuthority(options.CaPath);
        return silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = options.ClientCertificateMode;
            tls.RemoteCertificateValidation = (remote, _, errors) => ClusterCertificates.IsTrusted(remote, errors, authority);
        });
    }
}
