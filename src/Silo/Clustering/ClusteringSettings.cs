namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// Which membership the silo uses, read from Orleans' own keys: no <c>Orleans:Clustering</c>
/// section means the embedded localhost cluster; <c>ProviderType=AdoNet</c> with
/// <c>Invariant=Npgsql</c> means PostgreSQL, whose schema MediaOrleans installs itself.
/// </summary>
public sealed record ClusteringSettings(string? ProviderType, string? Invariant, string? ConnectionString)
{
    /// <summary>The PostgreSQL ADO.NET invariant name.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Reads the settings from configuration.</summary>
    public static ClusteringSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans:Clustering");
        return new ClusteringSettings(section["ProviderType"], section["Invariant"], section["ConnectionString"]);
    }

    /// <summary>Whether the embedded localhost cluster is used (no provider configured).</summary>
    public bool IsLocalhost => string.IsNullOrEmpty(ProviderType);

    /// <summary>Whether membership lives in PostgreSQL through the ADO.NET provider.</summary>
    public bool IsPostgres =>
        string.Equals(ProviderType, "AdoNet", StringComparison.OrdinalIgnoreCase)
        && string.Equals(Invariant, NpgsqlInvariant, StringComparison.Ordinal);

    /// <summary>Why these settings cannot work, or null.</summary>
    public string? Problem() => (IsLocalhost, ProviderType) switch
    {
        (true, _) => null,
        (_, var type) when !string.Equals(type, "AdoNet", StringComparison.OrdinalIgnoreCase) =>
            $"Orleans:Clustering:ProviderType = '{type}' is not supported; use AdoNet (or leave the section out for the embedded localhost cluster)",
        _ when !IsPostgres => $"Orleans:Clustering:Invariant = '{Invariant}' is not supported; use {NpgsqlInvariant}",
        _ when string.IsNullOrWhiteSpace(ConnectionString) => "Orleans:Clustering:ConnectionString is required for AdoNet clustering",
        _ => null,
    };
}
