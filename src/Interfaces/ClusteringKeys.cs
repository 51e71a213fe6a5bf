namespace MediaOrleans.Interfaces;

/// <summary>
/// The membership choices silos and clients make from Orleans' own <c>Orleans:Clustering</c>
/// keys: none at all for the embedded localhost cluster, or <c>ProviderType=AdoNet</c> with
/// <c>Invariant=Npgsql</c> and a connection string for PostgreSQL. One rule for both sides, so a
/// client refuses exactly what a silo would.
/// </summary>
public static class ClusteringKeys
{
    /// <summary>The PostgreSQL ADO.NET invariant name.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Whether the values name ADO.NET membership on PostgreSQL.</summary>
    public static bool IsPostgres(string? providerType, string? invariant) =>
        string.Equals(providerType, "AdoNet", StringComparison.OrdinalIgnoreCase)
        && string.Equals(invariant, NpgsqlInvariant, StringComparison.Ordinal);

    /// <summary>Why the values cannot work, naming the key to fix; null when they can (or name no provider).</summary>
    public static string? Problem(string? providerType, string? invariant, string? connectionString) => providerType switch
    {
        null or "" => null,
        _ when !string.Equals(providerType, "AdoNet", StringComparison.OrdinalIgnoreCase) =>
            $"Orleans:Clustering:ProviderType = '{providerType}' is not supported; use AdoNet (or no clustering keys for the embedded localhost cluster)",
        _ when !IsPostgres(providerType, invariant) => $"Orleans:Clustering:Invariant = '{invariant}' is not supported; use {NpgsqlInvariant}",
        _ when string.IsNullOrWhiteSpace(connectionString) => "Orleans:Clustering:ConnectionString is required for AdoNet clustering",
        _ => null,
    };
}
