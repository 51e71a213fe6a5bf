using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Tls;

/// <summary>A server certificate with its chain, as read from a PEM certificate file and a PEM key file.</summary>
public static class CertificateFiles
{
    /// <summary>
    /// Loads the leaf certificate with its key and any intermediates that follow it in
    /// <paramref name="certificatePath"/>, ready for a server handshake.
    /// </summary>
    public static SslStreamCertificateContext Load(string certificatePath, string keyPath)
    {
        var leaf = ClusterCertificates.LoadSigning(certificatePath, keyPath);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(certificatePath);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (certificate.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(certificate);
            }
        }

        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }
}
