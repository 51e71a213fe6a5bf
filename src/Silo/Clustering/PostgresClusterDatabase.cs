using System.Security.Cryptography;
using Npgsql;

namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// Prepares the PostgreSQL database a cluster shares: installs or refreshes the Orleans
/// membership schema (<c>PostgresMembershipSchema.sql</c>) and hands out the URL-signing secret
/// every silo must agree on, created by whichever silo comes first.
/// </summary>
public static class PostgresClusterDatabase
{
    // Any fixed number: silos starting together take turns applying the schema.
    private const long SchemaLockId = 0x4D65_6469_614F_726C;

    /// <summary>Applies the schema and returns the cluster's URL secret.</summary>
    public static async Task<string> PrepareAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockId})", cancellationToken);
        await ExecuteAsync(connection, transaction, await ReadSchemaAsync(cancellationToken), cancellationToken);

        await using var secret = new NpgsqlCommand(
            """
            INSERT INTO mediaorleans_settings (key, value) VALUES ('url-secret', @candidate) ON CONFLICT (key) DO NOTHING;
            SELECT value FROM mediaorleans_settings WHERE key = 'url-secret';
            """, connection, transaction);
        secret.Parameters.AddWithValue("candidate", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var value = (string)(await secret.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return value;
    }

    /// <summary>
    /// Like <see cref="PrepareAsync"/>, trying again until <paramref name="wait"/> has passed, so
    /// silos started together with their database wait for it instead of failing.
    /// </summary>
    public static async Task<string> PrepareWhenReachableAsync(string connectionString, TimeSpan wait, Action<Exception> onRetry,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await PrepareAsync(connectionString, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && time.GetUtcNow() + delay < deadline)
            {
                onRetry(ex);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(PostgresClusterDatabase).Assembly.GetManifestResourceStream("PostgresMembershipSchema.sql")
            ?? throw new InvalidOperationException("the membership schema is missing from the silo assembly");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
