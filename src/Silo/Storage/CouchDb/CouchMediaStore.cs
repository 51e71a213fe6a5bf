using System.Collections.Concurrent;
using System.Security.Cryptography;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Media in CouchDB as Kazoo keeps it: documents with attachments, named as
/// <see cref="CouchMediaName"/> says. Reads stream the attachment of the version asked for
/// (<c>?rev=</c>, so older versions play until compaction); writes stream the bytes into the
/// attachment after recording the inspected audio in the document, re-reading the revision on a
/// conflict, and write nothing when the attachment already holds the same bytes.
/// </summary>
public sealed partial class CouchMediaStore(
    CouchClient couch,
    CouchChangeFeed changes,
    IOptions<CouchDbOptions> options,
    TimeProvider time,
    ILogger<CouchMediaStore> logger) : IMediaStore
{
    private const int MaxWriteAttempts = 5;
    private const int MaxRemembered = 10_000;
    private readonly CouchDbOptions _options = options.Value;

    // Names whose database was found; a database that exists keeps existing.
    private readonly ConcurrentDictionary<string, (CouchMediaName Name, string Database)> _located = new();

    // Which attachment a described version is in, so opening it needs no second document read.
    private readonly ConcurrentDictionary<(string, string), string> _attachments = new();

    public async Task<MediaInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await LocateAsync(name, cancellationToken) is not var (target, database))
        {
            return null;
        }

        var doc = await couch.GetDocumentAsync(database, target.Document, null, cancellationToken);
        return doc is null ? null : Remember(CouchMediaDocument.Describe(name, doc, target.Attachment, _options.MaxAttachmentBytes));
    }

    public async Task<MediaInfo?> GetVersionAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        if (CouchVersion.RevisionOf(version) is not { } rev || await LocateAsync(name, cancellationToken) is not var (target, database))
        {
            return null;
        }

        var doc = await couch.GetDocumentAsync(database, target.Document, rev, cancellationToken);
        var info = doc is null ? null : Remember(CouchMediaDocument.Describe(name, doc, target.Attachment, _options.MaxAttachmentBytes));
        return info?.Version == version ? info : null;
    }

    public async Task<Stream?> OpenReadAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        if (CouchVersion.RevisionOf(version) is not { } rev || await LocateAsync(name, cancellationToken) is not var (target, database))
        {
            return null;
        }

        if (!_attachments.TryGetValue((name, version), out var attachment))
        {
            if (await GetVersionAsync(name, version, cancellationToken) is null
                || !_attachments.TryGetValue((name, version), out attachment))
            {
                return null;
            }
        }

        return await couch.OpenAttachmentAsync(database, target.Document, attachment, rev, cancellationToken);
    }

    public async Task<MediaInfo> PutAsync(string name, string contentType, ReadOnlyMemory<byte> content, AudioFormat audio,
        CancellationToken cancellationToken = default)
    {
        var (target, database) = await LocateForWriteAsync(name, cancellationToken);
        // CouchDB's own attachment digest, compared to recognise bytes already stored; not a security use.
#pragma warning disable CA5351
        var digest = "md5-" + Convert.ToBase64String(MD5.HashData(content.Span));
#pragma warning restore CA5351
        for (var attempt = 1; ; attempt++)
        {
            var doc = await couch.GetDocumentAsync(database, target.Document, null, cancellationToken);
            var attachment = target.Attachment ?? CouchMediaDocument.FirstAttachment(doc)
                ?? CouchMediaDocument.DefaultAttachment(target.Document, contentType);
            var rev = doc?["_rev"]?.GetValue<string>();
            var hasBytes = CouchMediaDocument.DigestOf(doc, attachment) == digest;
            var hasMetadata = CouchMediaDocument.HasMetadata(doc, attachment, digest, contentType, audio);
            if (hasBytes && hasMetadata)
            {
                // A retried store (after a lost answer or a silo restart) finds its own bytes: nothing to write.
                CouchDbLog.AlreadyStored(logger, name, database, target.Document);
                return Describe(name, doc!, target, rev!);
            }

            try
            {
                // The audio description first, keyed by the digest the attachment is about to have:
                // interrupted here, a retry finds it and only puts the bytes.
                if (!hasMetadata)
                {
                    rev = await couch.PutDocumentAsync(database, target.Document,
                        CouchMediaDocument.WithMetadata(doc, target.Document, attachment, digest, contentType, audio, time.GetUtcNow()),
                        cancellationToken);
                }

                if (!hasBytes)
                {
                    rev = await couch.PutAttachmentAsync(database, target.Document, attachment, rev, contentType, content, cancellationToken);
                }

                var stored = await couch.GetDocumentAsync(database, target.Document, rev, cancellationToken)
                             ?? throw new MediaStoreUnavailableException("the media store lost a revision it had just written");
                return Describe(name, stored, target, rev!);
            }
            catch (CouchConflictException) when (attempt < MaxWriteAttempts)
            {
                CouchDbLog.WriteConflict(logger, name, database, target.Document, attempt);
            }
            catch (CouchConflictException)
            {
                throw new MediaStoreUnavailableException("the media document kept changing while it was written; try again");
            }
        }
    }

    public async Task WatchAsync(string name, CancellationToken cancellationToken = default)
    {
        // An item that does not exist yet is watched where it would be created.
        var location = await LocateAsync(name, cancellationToken);
        var target = location?.Name ?? Parse(name);
        await changes.WatchAsync(name, location?.Database ?? target.DatabaseToCreate, target.Document, cancellationToken);
    }

    public void Unwatch(string name) => changes.Unwatch(name);

    private MediaInfo Describe(string name, System.Text.Json.Nodes.JsonObject doc, CouchMediaName target, string rev) =>
        Remember(CouchMediaDocument.Describe(name, doc, target.Attachment, _options.MaxAttachmentBytes))
        ?? throw new MediaStoreUnavailableException($"revision {rev} of the media document lacks its attachment");

    private MediaInfo? Remember(CouchItem? item)
    {
        if (item?.Attachment is { } attachment)
        {
            if (_attachments.Count >= MaxRemembered)
            {
                _attachments.Clear();
            }

            _attachments[(item.Info.Name, item.Info.Version)] = attachment;
        }

        return item?.Info;
    }

    private CouchMediaName Parse(string name) => CouchMediaName.Parse(name, _options.SystemDatabase);

    // The database that holds name: the one named exactly, else the account database; null if neither exists.
    private async Task<(CouchMediaName Name, string Database)?> LocateAsync(string name, CancellationToken cancellationToken)
    {
        if (_located.TryGetValue(name, out var known))
        {
            return known;
        }

        var target = Parse(name);
        foreach (var database in new[] { target.Database, target.AccountDatabase })
        {
            if (database is not null && await couch.DatabaseExistsAsync(database, cancellationToken))
            {
                return _located[name] = (target, database);
            }
        }

        return null;
    }

    private async Task<(CouchMediaName Name, string Database)> LocateForWriteAsync(string name, CancellationToken cancellationToken)
    {
        if (await LocateAsync(name, cancellationToken) is { } found)
        {
            return found;
        }

        var target = Parse(name);
        if (!System.Text.RegularExpressions.Regex.IsMatch(target.DatabaseToCreate, CouchDbOptions.DatabaseNamePattern))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName,
                $"'{target.Database}' is not a CouchDB database name (a-z first, then a-z 0-9 _ $ ( ) + - /)");
        }

        await couch.CreateDatabaseAsync(target.DatabaseToCreate, cancellationToken);
        return _located[name] = (target, target.DatabaseToCreate);
    }
}
