using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MediaOrleans.Interfaces;

/// <summary>
/// The certificate rules both ends of an Orleans connection follow (silo to silo, client to
/// gateway): one place, so a silo and its clients cannot come to disagree on whom to trust. The
/// media listeners load their PEM pair the same way.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>The certificate and key from PEM files, usable to sign a TLS handshake.</summary>
    public static X509Certificate2 LoadSigning(string certificatePath, string? keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // A key read from PEM is ephemeral; a PKCS#12 round trip gives one SslStream can sign with.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The authority peers must chain to, or null for the system's store.</summary>
    public static X509Certificate2? LoadAuthority(string? caPath) =>
        string.IsNullOrEmpty(caPath) ? null : X509CertificateLoader.LoadCertificateFromFile(caPath);

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
