using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>The CouchDB media store, bound from <c>Media:CouchDb</c> when <c>Media:Store:Kind</c> is <c>CouchDb</c>.</summary>
public sealed class CouchDbOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:CouchDb";

    /// <summary>CouchDB's own rule for database names (Kazoo's account databases contain '/').</summary>
    public const string DatabaseNamePattern = "^[a-z][a-z0-9_$()+/-]*$";

    /// <summary>
    /// Server address, e.g. <c>http://user:pass@couchdb:5984</c>. Credentials may sit in the user
    /// part or in <see cref="Username"/>/<see cref="Password"/>; they are sent as Basic auth and
    /// never logged or echoed.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>User name; overrides one in <see cref="Url"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Password; overrides one in <see cref="Url"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Database of a one-segment media name (Kazoo's <c>system_media</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(DatabaseNamePattern, ErrorMessage = "must be a CouchDB database name (a-z first, then a-z 0-9 _ $ ( ) + - /)")]
    public string SystemDatabase { get; set; } = "system_media";

    /// <summary>
    /// Databases every silo follows from its start (their changes reach loaded items at once);
    /// databases of items a silo loads are followed as well. Empty means the system database.
    /// </summary>
    public IList<string> Databases { get; } = [];

    /// <summary>
    /// How long one <c>_changes</c> long poll waits before it is asked again, in seconds (default
    /// 60). Enforced by the client too: pouchdb-server ignores CouchDB's <c>timeout=</c>.
    /// </summary>
    [Range(1, 3600)]
    public int ChangesTimeoutSeconds { get; set; } = 60;

    /// <summary>Longest wait between attempts to follow changes while CouchDB is unreachable, in seconds (default 30).</summary>
    [Range(1, 3600)]
    public int ChangesMaxBackoffSeconds { get; set; } = 30;

    /// <summary>Retries of a request that failed transiently (connection refused, 5xx, 408, 429, timeout); default 3.</summary>
    [Range(1, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay in milliseconds, doubled (with jitter) for each further retry (default 200).</summary>
    [Range(10, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>Time one attempt may take until CouchDB's response head arrives, in seconds (default 30); bodies stream after it.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Largest attachment served, in bytes (default 256 MiB). A grain holds an item whole, so a
    /// larger one is described but not played (<c>streamable: false</c>).
    /// </summary>
    [Range(1024, 2L * 1024 * 1024 * 1024 - 1)]
    public long MaxAttachmentBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The databases followed from the start.</summary>
    public IReadOnlyList<string> FollowedDatabases => Databases.Count == 0 ? [SystemDatabase] : [.. Databases];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Messages never repeat the URL: it may carry a password.
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return new ValidationResult("is required when Media:Store:Kind is CouchDb, e.g. http://user:pass@127.0.0.1:5984", [nameof(Url)]);
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                 || uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            yield return new ValidationResult("must be an absolute http or https URL of the server root", [nameof(Url)]);
        }

        foreach (var database in Databases)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(database, DatabaseNamePattern))
            {
                yield return new ValidationResult($"'{database}' is not a CouchDB database name", [nameof(Databases)]);
            }
        }
    }
}
