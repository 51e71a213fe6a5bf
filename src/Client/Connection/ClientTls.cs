using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace MediaOrleans.Client.Connection;

/// <summary>TLS to the gateway, from <see cref="MediaClientOptions"/> or the silos' own <c>Media:Cluster:Tls</c> keys.</summary>
internal static class ClientTls
{
    private const string Section = "Media:Cluster:Tls";

    /// <summary>Adds TLS to the client's gateway connections when a certificate or an authority is given.</summary>
    public static void Apply(IClientBuilder client, MediaClientOptions options)
    {
        var keys = options.Configuration?.GetSection(Section);
        var certificatePath = options.TlsCertificatePath ?? keys?["CertificatePath"];
        var keyPath = options.TlsKeyPath ?? keys?["KeyPath"];
        var caPath = options.TlsCaPath ?? keys?["CaPath"];
        if (string.IsNullOrEmpty(certificatePath) && string.IsNullOrEmpty(caPath))
        {
            return;
        }

        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(certificatePath))
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            // A key read from PEM is ephemeral; a PKCS#12 round trip gives one SslStream can sign with.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        var authority = string.IsNullOrEmpty(caPath) ? null : X509CertificateLoader.LoadCertificateFromFile(caPath);
        client.UseTls(tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, authority);
        });
    }

    // The silo's certificate must chain to the authority (or the system store); gateways are
    // reached by address, so the name is not checked.
    private static bool IsTrusted(X509Certificate2 remote, SslPolicyErrors errors, X509Certificate2? authority)
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
