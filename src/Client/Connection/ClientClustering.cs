using MediaOrleans.Interfaces;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MediaOrleans.Client.Connection;

/// <summary>How the client finds gateways: a static list, or the membership table in PostgreSQL.</summary>
public enum ClusteringKind
{
    /// <summary>A fixed list of <c>host:port</c> gateways (the embedded default is <c>127.0.0.1:30000</c>).</summary>
    StaticGateways,

    /// <summary>Orleans' ADO.NET membership on PostgreSQL, which lists every live silo's gateway.</summary>
    AdoNetPostgres,
}

/// <summary>
/// The clustering a client uses, decided from <see cref="MediaClientOptions"/> alone (pure, so it
/// is tested without a cluster): explicit gateways first, then Orleans' own
/// <c>Orleans:Clustering:*</c> keys exactly as the silos read them, else the embedded default.
/// </summary>
public sealed record ClientClustering(
    ClusteringKind Kind,
    IReadOnlyList<GatewayAddress> Gateways,
    string? ConnectionString,
    string ClusterId,
    string ServiceId)
{
    /// <summary>Decides the clustering; throws <see cref="ArgumentException"/> naming the key or value to fix.</summary>
    public static ClientClustering From(MediaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = options.Configuration;
        var clusterId = options.ClusterId ?? NonEmpty(configuration?["Orleans:ClusterId"]) ?? MediaClientOptions.DefaultClusterId;
        var serviceId = options.ServiceId ?? NonEmpty(configuration?["Orleans:ServiceId"]) ?? MediaClientOptions.DefaultClusterId;
        if (options.MaxUploadBytes is < 1 or > MediaUpload.MaxContentBytes)
        {
            throw new ArgumentException(
                $"MaxUploadBytes = {options.MaxUploadBytes} must be between 1 and {MediaUpload.MaxContentBytes} (one grain call carries an upload)",
                nameof(options));
        }

        if (options.Gateways.Count > 0)
        {
            var gateways = options.Gateways.Select(ParseGateway).ToList();
            return new ClientClustering(ClusteringKind.StaticGateways, gateways, null, clusterId, serviceId);
        }

        var section = configuration?.GetSection("Orleans:Clustering");
        var providerType = NonEmpty(section?["ProviderType"]);
        if (providerType is null)
        {
            return new ClientClustering(ClusteringKind.StaticGateways,
                [new GatewayAddress("127.0.0.1", MediaClientOptions.DefaultGatewayPort)], null, clusterId, serviceId);
        }

        var connectionString = NonEmpty(section!["ConnectionString"]);
        if (ClusteringKeys.Problem(providerType, NonEmpty(section["Invariant"]), connectionString) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return new ClientClustering(ClusteringKind.AdoNetPostgres, [], connectionString!, clusterId, serviceId);
    }

    /// <summary>Where the client looks, for messages: never the connection string's password.</summary>
    public string Describe()
    {
        if (Kind == ClusteringKind.StaticGateways)
        {
            var noun = Gateways.Count == 1 ? "gateway" : "gateways";
            return $"{noun} {string.Join(", ", Gateways)} (cluster '{ClusterId}')";
        }

        var where = "PostgreSQL";
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
            where = $"PostgreSQL at {parsed.Host}:{parsed.Port}, database '{parsed.Database}'";
        }
        catch (ArgumentException)
        {
            // An unparsable connection string is reported when connecting; the plain name will do here.
        }

        return $"the gateways listed in {where} (cluster '{ClusterId}')";
    }

    private static GatewayAddress ParseGateway(string text)
    {
        try
        {
            return GatewayAddress.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(text), ex);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
