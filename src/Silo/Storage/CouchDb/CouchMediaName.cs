using System.Text.RegularExpressions;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Where a media name points in CouchDB, by Kazoo's rules: <c>doc</c> is a document of the
/// system media database, <c>db/doc</c> a document's first attachment, <c>db/doc/attachment</c>
/// that attachment. When no database has the exact name <c>db</c>, <c>db</c> is a Kazoo
/// account id and the database is <see cref="AccountDatabase"/>.
/// </summary>
/// <param name="Database">The database named exactly by the first segment (or the system database).</param>
/// <param name="AccountDatabase">The account database the first segment stands for, if it is an account id.</param>
/// <param name="Document">Document id.</param>
/// <param name="Attachment">Attachment name, or <c>null</c> for the document's first attachment.</param>
public sealed partial record CouchMediaName(string Database, string? AccountDatabase, string Document, string? Attachment)
{
    /// <summary>Splits a (valid) media name; a leading '/' is ignored.</summary>
    public static CouchMediaName Parse(string name, string systemDatabase)
    {
        var segments = name.TrimStart('/').Split('/', 3);
        return segments.Length switch
        {
            1 => new CouchMediaName(systemDatabase, null, segments[0], null),
            2 => new CouchMediaName(segments[0], AccountDatabaseOf(segments[0]), segments[1], null),
            _ => new CouchMediaName(segments[0], AccountDatabaseOf(segments[0]), segments[1], segments[2]),
        };
    }

    /// <summary>
    /// Kazoo's database of an account: <c>account/xx/yy/rest</c> for a 32-hex account id (sent
    /// over HTTP as <c>account%2Fxx%2Fyy%2Frest</c>), or <c>null</c> when <paramref name="id"/> is not one.
    /// </summary>
    public static string? AccountDatabaseOf(string id) =>
        AccountId().IsMatch(id) ? $"account/{id[..2]}/{id[2..4]}/{id[4..]}" : null;

    /// <summary>The database a new item is written to when neither candidate exists yet.</summary>
    public string DatabaseToCreate => AccountDatabase ?? Database;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex AccountId();
}
