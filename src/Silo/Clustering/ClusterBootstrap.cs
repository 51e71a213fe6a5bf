namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// What a silo does before its host is built: check the clustering keys and, on PostgreSQL,
/// install the membership schema and adopt the cluster's shared URL secret (unless
/// <c>Media:Urls:Secret</c> is configured), so a URL any silo signs plays on every silo.
/// </summary>
public static class ClusterBootstrap
{
    /// <summary>Seconds a silo waits for an unreachable PostgreSQL at start (<c>Media:Cluster:DatabaseWaitSeconds</c>).</summary>
    public const int DefaultDatabaseWaitSeconds = 60;

    /// <summary>Prepares clustering for <paramref name="builder"/>; throws with the key to fix when the settings are wrong.</summary>
    public static async Task PrepareClusterAsync(this WebApplicationBuilder builder)
    {
        var settings = ClusteringSettings.From(builder.Configuration);
        if (settings.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (!settings.IsPostgres)
        {
            return;
        }

        var waitSeconds = builder.Configuration.GetValue("Media:Cluster:DatabaseWaitSeconds", DefaultDatabaseWaitSeconds);
        if (waitSeconds is < 0 or > 3600)
        {
            throw new InvalidOperationException($"Media:Cluster:DatabaseWaitSeconds = '{waitSeconds}' must be between 0 and 3600");
        }

        var secret = await PostgresClusterDatabase.PrepareWhenReachableAsync(settings.ConnectionString!, TimeSpan.FromSeconds(waitSeconds),
            ex => Console.Error.WriteLine($"waiting for the cluster database: {ex.Message}"), TimeProvider.System, CancellationToken.None);
        if (string.IsNullOrEmpty(builder.Configuration["Media:Urls:Secret"]))
        {
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Media:Urls:Secret", secret)]);
        }
    }
}
