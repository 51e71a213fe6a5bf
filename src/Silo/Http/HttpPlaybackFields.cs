using System.Globalization;
using MediaOrleans.Silo.Playback;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The header fields of an HTTP playback answer, the same for GET and HEAD as mod_httapi needs:
/// exact <c>Content-Length</c>, <c>Content-Type</c> from the extension, <c>ETag</c> (the version),
/// <c>Last-Modified</c>, and <c>Cache-Control</c> never past the URL's expiry; <c>Content-Range</c>
/// for a range. Refusals carry <c>Content-Length: 0</c>: some FreeSWITCH paths feed any body to a
/// decoder. Both ways an HTTP playback answer leaves (straight to the socket, or through Kestrel)
/// send exactly these.
/// </summary>
public static class HttpPlaybackFields
{
    /// <summary>The fields for <paramref name="decision"/>, in the order they are sent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(PlaybackDecision decision)
    {
        if (decision is not { Target: { } target, Content: { } content })
        {
            return [Field("Content-Length", 0)];
        }

        var fields = new List<KeyValuePair<string, string>>(7);
        switch (decision.Status)
        {
            case 304:
                // No body and nothing about one (RFC 9110 section 15.4.5): only the validators and caching.
                break;
            case 416:
                fields.Add(new("Content-Range", "bytes */" + Number(content.Length)));
                fields.Add(Field("Content-Length", 0));
                break;
            default:
                var body = decision.Body;
                fields.Add(Field("Content-Length", body.Length));
                fields.Add(new("Content-Type", target.ContentType));
                if (decision.Status == 206)
                {
                    fields.Add(new("Content-Range", $"bytes {Number(body.From)}-{Number(body.To - 1)}/{Number(content.Length)}"));
                }

                fields.Add(new("Accept-Ranges", "bytes"));
                break;
        }

        if (content.EntityTag is null)
        {
            // A recording under review grows: nobody may cache it.
            fields.Add(new("Cache-Control", "no-cache"));
        }
        else
        {
            fields.Add(new("Cache-Control", "public, max-age=" + Number(decision.MaxAgeSeconds)));
            fields.Add(new("ETag", content.EntityTag));
        }

        if (content.LastModified is { } modified)
        {
            fields.Add(new("Last-Modified", modified.ToString("r", CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    private static KeyValuePair<string, string> Field(string name, long value) => new(name, Number(value));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
