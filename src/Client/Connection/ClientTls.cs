using MediaOrleans.Interfaces;
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

        var certificate = string.IsNullOrEmpty(certificatePath) ? null : ClusterCertificates.LoadSigning(certificatePath, keyPath);
        var authority = ClusterCertificates.LoadAuthority(caPath);
        client.UseTls(tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, errors) => ClusterCertificates.IsTrusted(remote, errors, authority);
        });
    }
}
