using System.Globalization;
using System.Text.Json.Nodes;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// Reads and writes Kazoo media documents: the item is an attachment, the document's
/// <c>content_type</c> wins over the attachment's, <c>streamable: false</c> means the item has
/// no data. The audio this silo inspected is kept in the document under <see cref="MetadataField"/>,
/// keyed by the attachment's digest, so a change made by someone else is never described with
/// stale audio properties.
/// </summary>
public static class CouchMediaDocument
{
    /// <summary>Field of the document holding the inspected audio of one attachment version.</summary>
    public const string MetadataField = "media_orleans";

    // Kazoo's pvt_modified counts seconds from year 0 (Erlang gregorian seconds).
    private const long GregorianToUnixSeconds = 62_167_219_200;

    /// <summary>
    /// Describes <paramref name="mediaName"/> in <paramref name="doc"/>: the named attachment, or
    /// the first when <paramref name="attachment"/> is <c>null</c>. <c>null</c> when the named
    /// attachment is not there; a description with <c>Streamable = false</c> when the document
    /// has no data to play.
    /// </summary>
    public static CouchItem? Describe(string mediaName, JsonObject doc, string? attachment, long maxBytes)
    {
        var rev = doc["_rev"]?.GetValue<string>() ?? throw new FormatException("the document has no _rev");
        var stubs = doc["_attachments"] as JsonObject;
        var (name, stub) = attachment is null
            ? stubs?.FirstOrDefault() is { Key: { } first, Value: JsonObject firstStub } ? (first, firstStub) : (null, null)
            : (attachment, stubs?[attachment] as JsonObject);
        if (attachment is not null && stub is null)
        {
            return null;
        }

        var contentType = AudioInspector.CanonicalContentType(Text(doc, "content_type"))
            ?? AudioInspector.CanonicalContentType(stub is null ? null : Text(stub, "content_type"))
            ?? ByExtension(name);
        var length = (long)(NumberOf(stub?["length"]) ?? 0);
        var digest = stub is null ? string.Empty : Text(stub, "digest") ?? string.Empty;
        var streamable = stub is not null && contentType is not null && length <= maxBytes
            && doc["streamable"]?.GetValueKind() != System.Text.Json.JsonValueKind.False;
        contentType ??= AudioInspector.WavContentType;
        var metadata = Metadata(doc, name, digest);
        var info = new MediaInfo(mediaName, CouchVersion.Format(rev, name ?? string.Empty, digest, contentType), contentType,
            length, metadata?.StoredAt ?? Modified(doc), metadata?.Audio ?? AudioFormat.Unknown, streamable);
        return new CouchItem(info, name);
    }

    /// <summary>The name of the document's first attachment, if any.</summary>
    public static string? FirstAttachment(JsonObject? doc) => (doc?["_attachments"] as JsonObject)?.FirstOrDefault().Key;

    /// <summary>The digest CouchDB reports for one attachment (<c>md5-</c> and base64), if it is there.</summary>
    public static string? DigestOf(JsonObject? doc, string attachment) =>
        (doc?["_attachments"] as JsonObject)?[attachment] is JsonObject stub ? Text(stub, "digest") : null;

    /// <summary>Whether the document already says what <see cref="WithMetadata"/> would write (bar the time).</summary>
    public static bool HasMetadata(JsonObject? doc, string attachment, string digest, string contentType, AudioFormat audio) =>
        doc is not null && Text(doc, "content_type") == contentType && doc["streamable"]?.GetValueKind() != System.Text.Json.JsonValueKind.False
        && Metadata(doc, attachment, digest) is { } metadata && metadata.Audio == audio;

    /// <summary>
    /// <paramref name="doc"/> (or a new Kazoo media document) saying that <paramref name="attachment"/>
    /// will hold audio of <paramref name="contentType"/> with <paramref name="digest"/>. Other fields,
    /// attachment stubs included, are kept: a document PUT without them would drop the attachments.
    /// </summary>
    public static JsonObject WithMetadata(JsonObject? doc, string documentId, string attachment, string digest, string contentType,
        AudioFormat audio, DateTimeOffset now)
    {
        var updated = doc?.DeepClone().AsObject() ?? new JsonObject
        {
            ["name"] = documentId,
            ["media_source"] = "upload",
            ["pvt_type"] = "media",
        };
        updated["content_type"] = contentType;
        updated["streamable"] = true;
        updated["pvt_modified"] = now.ToUnixTimeSeconds() + GregorianToUnixSeconds;
        updated[MetadataField] = new JsonObject
        {
            ["attachment"] = attachment,
            ["digest"] = digest,
            ["codec"] = audio.Codec,
            ["sample_rate"] = audio.SampleRate,
            ["channels"] = audio.Channels,
            ["duration_ms"] = audio.DurationMs,
            ["bitrate"] = audio.Bitrate,
            ["stored_at"] = now.ToUnixTimeSeconds(),
        };
        return updated;
    }

    /// <summary>The attachment name a new document gets: the document id with the content's extension.</summary>
    public static string DefaultAttachment(string documentId, string contentType)
    {
        var extension = contentType == AudioInspector.Mp3ContentType ? ".mp3" : ".wav";
        return documentId.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? documentId : documentId + extension;
    }

    private static (AudioFormat Audio, DateTimeOffset StoredAt)? Metadata(JsonObject doc, string? attachment, string digest)
    {
        if (doc[MetadataField] is not JsonObject metadata || attachment is null
            || Text(metadata, "attachment") != attachment || Text(metadata, "digest") != digest)
        {
            return null;
        }

        try
        {
            var audio = new AudioFormat(
                metadata["codec"]!.GetValue<string>(), (int)NumberOf(metadata["sample_rate"])!.Value, (int)NumberOf(metadata["channels"])!.Value,
                (long)NumberOf(metadata["duration_ms"])!.Value, (int)NumberOf(metadata["bitrate"])!.Value);
            return (audio, DateTimeOffset.FromUnixTimeSeconds((long)NumberOf(metadata["stored_at"])!.Value));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or OverflowException)
        {
            // Edited by hand into something else: describe the item as not inspected yet.
            return null;
        }
    }

    private static DateTimeOffset Modified(JsonObject doc)
    {
        return NumberOf(doc["pvt_modified"]) is { } seconds and > GregorianToUnixSeconds and < GregorianToUnixSeconds + 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds - GregorianToUnixSeconds)
            : DateTimeOffset.UnixEpoch;
    }

    private static string? ByExtension(string? attachment) =>
        Path.GetExtension(attachment)?.ToLower(CultureInfo.InvariantCulture) switch
        {
            ".mp3" => AudioInspector.Mp3ContentType,
            ".wav" => AudioInspector.WavContentType,
            _ => null,
        };

    // Numbers may be parsed (any JSON number) or set in memory (int, long): read them one way.
    private static double? NumberOf(JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture) : null;

    private static string? Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
}
