using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace MediaOrleans.Silo.Tls;

/// <summary>
/// The server certificate of the HTTPS listener and of TLS on the SHOUT port, bound from
/// <c>Media:Tls</c>. TLS is on only when both files are given, so a first run needs none.
/// </summary>
public sealed class TlsOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Tls";

    /// <summary>PEM file with the server certificate, optionally followed by its intermediates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with the certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// Seconds between checks of the files' write times; a handshake after a change presents the
    /// new certificate (default 5).
    /// </summary>
    [Range(1, 3600)]
    public int ReloadCheckSeconds { get; set; } = 5;

    /// <summary>Whether a certificate is configured, which turns TLS on.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(CertificatePath) || string.IsNullOrEmpty(KeyPath))
        {
            yield return new ValidationResult("both Media:Tls:CertificatePath and Media:Tls:KeyPath must be set, or neither",
                [string.IsNullOrEmpty(CertificatePath) ? nameof(CertificatePath) : nameof(KeyPath)]);
            yield break;
        }

        foreach (var (member, path) in new[] { (nameof(CertificatePath), CertificatePath), (nameof(KeyPath), KeyPath) })
        {
            if (!File.Exists(path))
            {
                yield return new ValidationResult("the file does not exist or cannot be seen by the silo", [member]);
                yield break;
            }
        }

        string? problem = null;
        try
        {
            CertificateFiles.Load(CertificatePath, KeyPath).TargetCertificate.Dispose();
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"the certificate and key cannot be loaded as PEM: {problem}", [nameof(CertificatePath)]);
        }
    }
}
