using System.Runtime.CompilerServices;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// The catalog side of the CouchDB store: media names are <c>db/doc</c> for every document of
/// the followed databases (an account database listed by its account id, as callflows name it),
/// and removing a name deletes its document, or only its attachment for <c>db/doc/attachment</c>.
/// </summary>
public sealed partial class CouchMediaStore : IMediaCatalog
{
    public async IAsyncEnumerable<string> ListNamesAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        foreach (var database in _options.FollowedDatabases)
        {
            var shown = AccountIdOf(database) ?? database;
            foreach (var document in await couch.ListDocumentIdsAsync(database, cancellationToken))
            {
                var name = $"{shown}/{document}";
                if (MediaName.IsValid(name) && name.StartsWith(prefix ?? string.Empty, StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
        }

        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            yield return name;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await LocateAsync(name, cancellationToken) is not var (target, database))
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            var doc = await couch.GetDocumentAsync(database, target.Document, null, cancellationToken);
            if (doc?["_rev"]?.GetValue<string>() is not { } rev)
            {
                return false;
            }

            try
            {
                return await couch.DeleteAsync(database, target.Document, target.Attachment, rev, cancellationToken);
            }
            catch (CouchConflictException) when (attempt < MaxWriteAttempts)
            {
                // Someone wrote in between: read the new revision and try again.
            }
        }
    }

    // "account/xx/yy/rest" is listed as the account id "xxyyrest", the form Kazoo names media by.
    private static string? AccountIdOf(string database)
    {
        var parts = database.Split('/');
        var id = parts is ["account", { Length: 2 }, { Length: 2 }, _] ? string.Concat(parts[1..]) : null;
        return id is not null && CouchMediaName.AccountDatabaseOf(id) == database ? id : null;
    }
}
