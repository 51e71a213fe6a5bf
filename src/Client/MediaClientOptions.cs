using MediaOrleans.Interfaces;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Client;

/// <summary>
/// Where a <see cref="MediaClient"/> finds the cluster and the limits it keeps. With nothing
/// set it connects to a silo on this machine running the embedded defaults (gateway
/// <c>127.0.0.1:30000</c>, cluster and service id <c>mediaorleans</c>).
/// </summary>
public sealed class MediaClientOptions
{
    /// <summary>The gateway port of a silo started with the embedded defaults.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The cluster and service id MediaOrleans silos use unless configured otherwise.</summary>
    public const string DefaultClusterId = "mediaorleans";

    /// <summary>
    /// Gateways as <c>host:port</c> (a static gateway list). When set, they win over any
    /// clustering keys in <see cref="Configuration"/>.
    /// </summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>
    /// Orleans' own configuration keys, as the silos use them: <c>Orleans:Clustering:ProviderType</c>
    /// (<c>AdoNet</c>), <c>Orleans:Clustering:Invariant</c> (<c>Npgsql</c>),
    /// <c>Orleans:Clustering:ConnectionString</c>, <c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>.
    /// </summary>
    public IConfiguration? Configuration { get; set; }

    /// <summary>Cluster id; wins over <c>Orleans:ClusterId</c> (default <c>mediaorleans</c>).</summary>
    public string? ClusterId { get; set; }

    /// <summary>Service id; wins over <c>Orleans:ServiceId</c> (default <c>mediaorleans</c>).</summary>
    public string? ServiceId { get; set; }

    /// <summary>
    /// PEM certificate presented to the gateway when the cluster uses TLS (required when the silos
    /// set <c>Media:Cluster:Tls:ClientCertificateMode = RequireCertificate</c>). Falls back to
    /// <c>Media:Cluster:Tls:CertificatePath</c> in <see cref="Configuration"/>.
    /// </summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM key of <see cref="TlsCertificatePath"/> (or <c>Media:Cluster:Tls:KeyPath</c>).</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>
    /// PEM file of the authority the silos' certificates must chain to (or
    /// <c>Media:Cluster:Tls:CaPath</c>). Setting this or a certificate turns TLS on for the client.
    /// </summary>
    public string? TlsCaPath { get; set; }

    /// <summary>
    /// How long <see cref="MediaClient.ConnectAsync"/> keeps retrying a gateway that refuses the
    /// connection before it gives up with <see cref="Connection.ClusterUnreachableException"/>
    /// (default 10 s). An attempt already under way when it runs out (a slow membership database,
    /// a host that never answers) is given at most 10 s more.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest media upload in bytes (default 64 MiB, the silo's own default; at most
    /// <see cref="MediaUpload.MaxContentBytes"/>, because an upload is one grain call).
    /// </summary>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;
}
