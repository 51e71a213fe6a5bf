using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// Which membership the silo uses, read from Orleans' own keys (the rules are
/// <see cref="ClusteringKeys"/>'s, shared with clients): no <c>Orleans:Clustering</c> section
/// means the embedded localhost cluster; <c>ProviderType=AdoNet</c> with <c>Invariant=Npgsql</c>
/// means PostgreSQL, whose schema MediaOrleans installs itself.
/// </summary>
public sealed record ClusteringSettings(string? ProviderType, string? Invariant, string? ConnectionString)
{
    /// <summary>Reads the settings from configuration.</summary>
    public static ClusteringSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans:Clustering");
        return new ClusteringSettings(section["ProviderType"], section["Invariant"], section["ConnectionString"]);
    }

    /// <summary>Whether the embedded localhost cluster is used (no provider configured).</summary>
    public bool IsLocalhost => string.IsNullOrEmpty(ProviderType);

    /// <summary>Whether membership lives in PostgreSQL through the ADO.NET provider.</summary>
    public bool IsPostgres => ClusteringKeys.IsPostgres(ProviderType, Invariant);

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() => ClusteringKeys.Problem(ProviderType, Invariant, ConnectionString);
}
