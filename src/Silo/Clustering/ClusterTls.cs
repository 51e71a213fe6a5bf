using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
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

        using var pem = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);
        // A key read from PEM is ephemeral; a PKCS#12 round trip gives one SslStream can sign with.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var authority = string.IsNullOrEmpty(options.CaPath) ? null : X509CertificateLoader.LoadCertificateFromFile(options.CaPath);
        return silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = options.ClientCertificateMode;
            tls.RemoteCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, authority);
        });
    }

    /// <summary>
    /// A peer's certificate is trusted when it chains to <paramref name="authority"/> (or, without
    /// one, to the system's store). The name is not checked: silos are reached by IP address.
    /// </summary>
    public static bool IsTrusted(X509Certificate2 remote, SslPolicyErrors errors, X509Certificate2? authority)
    {
        if (authority is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        return chain.Build(remote);
    }
}
