namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// CouchDB store log messages (event ids 6000-6099). Addresses are logged without credentials
/// (<see cref="CouchEndpoint.Display"/>); documents and bodies are never logged.
/// </summary>
internal static partial class CouchDbLog
{
    [LoggerMessage(6000, LogLevel.Information, "Media store: CouchDB at {Endpoint}, system database {Database}")]
    public static partial void Using(ILogger logger, string endpoint, string database);

    [LoggerMessage(6001, LogLevel.Warning, "CouchDB at {Endpoint} unreachable ({Method}): {Reason}")]
    public static partial void Unreachable(ILogger logger, string endpoint, string method, string reason);

    [LoggerMessage(6002, LogLevel.Warning, "CouchDB at {Endpoint} answered {Status}")]
    public static partial void Failed(ILogger logger, string endpoint, int status);

    [LoggerMessage(6003, LogLevel.Error, "CouchDB at {Endpoint} refused the configured credentials ({Status})")]
    public static partial void CredentialsRefused(ILogger logger, string endpoint, int status);

    [LoggerMessage(6004, LogLevel.Information, "CouchDB database {Database} created")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(6005, LogLevel.Debug, "Media {Media}: {Database}/{Document} changed while being written (attempt {Attempt}); reading it again")]
    public static partial void WriteConflict(ILogger logger, string media, string database, string document, int attempt);

    [LoggerMessage(6006, LogLevel.Debug, "Media {Media}: {Database}/{Document} already holds these bytes; nothing written")]
    public static partial void AlreadyStored(ILogger logger, string media, string database, string document);

    [LoggerMessage(6010, LogLevel.Information, "Following changes of CouchDB database {Database} from {Since}")]
    public static partial void Following(ILogger logger, string database, CouchSeq since);

    [LoggerMessage(6011, LogLevel.Warning, "Following changes of CouchDB database {Database} failed; retrying in {DelayMs} ms from {Since}: {Reason}")]
    public static partial void ChangesFailed(ILogger logger, string database, double delayMs, CouchSeq since, string reason);

    [LoggerMessage(6012, LogLevel.Information, "Following changes of CouchDB database {Database} again from {Since}")]
    public static partial void ChangesResumed(ILogger logger, string database, CouchSeq since);

    [LoggerMessage(6013, LogLevel.Debug, "CouchDB database {Database}: document {Document} changed; refreshing {Count} media item(s)")]
    public static partial void Changed(ILogger logger, string database, string document, int count);

    [LoggerMessage(6014, LogLevel.Warning, "Media {Media} changed in CouchDB but its grain could not be told: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string media, string reason);
}
