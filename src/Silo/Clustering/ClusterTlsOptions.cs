using System.ComponentModel.DataAnnotations;
using Orleans.Connections.Security;

namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// TLS on the Orleans ports (silo to silo, and the client gateway), bound from
/// <c>Media:Cluster:Tls</c>. Off unless a certificate is given; every silo of a cluster must
/// then have one, since each is a client of the others and presents it.
/// </summary>
public sealed class ClusterTlsOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Cluster:Tls";

    /// <summary>PEM file with this silo's certificate (it must allow both server and client authentication when it has an EKU).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with its private key.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// PEM file of the authority whose certificates peers must present; without it the system's
    /// trust store decides. Host names are not checked: Orleans reaches silos by address.
    /// </summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// Whether Orleans clients must present a certificate to the gateway: <c>NoCertificate</c>,
    /// <c>AllowCertificate</c> (default, as Orleans) or <c>RequireCertificate</c> (mutual TLS).
    /// </summary>
    public RemoteCertificateMode ClientCertificateMode { get; set; } = RemoteCertificateMode.AllowCertificate;

    /// <summary>Whether TLS is on.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            if (!string.IsNullOrEmpty(CaPath))
            {
                yield return new ValidationResult("needs Media:Cluster:Tls:CertificatePath and KeyPath as well", [nameof(CaPath)]);
            }

            yield break;
        }

        foreach (var (member, path) in new[] { (nameof(CertificatePath), CertificatePath), (nameof(KeyPath), KeyPath), (nameof(CaPath), CaPath) })
        {
            if (member != nameof(CaPath) && string.IsNullOrEmpty(path))
            {
                yield return new ValidationResult("both Media:Cluster:Tls:CertificatePath and KeyPath must be set, or neither", [member]);
            }
            else if (!string.IsNullOrEmpty(path) && !File.Exists(path))
            {
                yield return new ValidationResult("the file does not exist or cannot be seen by the silo", [member]);
            }
        }
    }
}
