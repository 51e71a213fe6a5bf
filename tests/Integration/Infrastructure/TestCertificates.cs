using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away certificate authority and server certificates it signs for 127.0.0.1 and
/// localhost, written as PEM files into a temporary directory the way an operator hands them to
/// the silo (<c>Media:Tls:CertificatePath</c>, <c>Media:Tls:KeyPath</c>) and to clients
/// (<c>curl --cacert</c>, <c>SSL_CERT_FILE</c>).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("mediaorleans-tls-");
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;

    /// <summary>Creates the authority and a first server certificate.</summary>
    public TestCertificates()
    {
        var request = new CertificateRequest("CN=MediaOrleans Test CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
        ServerThumbprint = IssueServerCertificate("first");
    }

    /// <summary>PEM file of the authority, for clients to trust.</summary>
    public string CaPath => Path.Combine(_directory.FullName, "ca.pem");

    /// <summary>PEM file of the server certificate.</summary>
    public string CertificatePath => Path.Combine(_directory.FullName, "server.pem");

    /// <summary>PEM file of the server key.</summary>
    public string KeyPath => Path.Combine(_directory.FullName, "server.key");

    /// <summary>Thumbprint of the server certificate last written.</summary>
    public string ServerThumbprint { get; private set; }

    /// <summary>The silo settings that turn TLS on with these files.</summary>
    public Dictionary<string, string> SiloSettings(int httpsPort) => new()
    {
        ["Media__Tls__CertificatePath"] = CertificatePath,
        ["Media__Tls__KeyPath"] = KeyPath,
        ["Media__Https__Port"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Writes a new server certificate over the files (as a renewal would); its thumbprint.</summary>
    public string Renew() => ServerThumbprint = IssueServerCertificate("renewed");

    /// <inheritdoc />
    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        _directory.Delete(recursive: true);
    }

    private string IssueServerCertificate(string label)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=localhost, OU={label}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        // Server and client authentication: Orleans silos present the same certificate both ways.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        // Key first, then certificate: a reader that sees the new certificate finds its key.
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        return certificate.Thumbprint;
    }
}
