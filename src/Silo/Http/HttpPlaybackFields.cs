using System.Globalization;
using MediaOrleans.Silo.Playback;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The header fields of an HTTP playback answer, the same for GET and HEAD as mod_httapi needs:
/// exact <c>Content-Length</c>, <c>Content-Type</c> from the extension, <c>ETag</c> (the version),
/// <c>Last-Modified</c>, and <c>Cache-Control</c> never past the URL's expiry. Refusals carry
/// <c>Content-Length: 0</c>: some FreeSWITCH paths feed any body to a decoder. Both ways an HTTP
/// playback answer leaves (straight to the socket, or through Kestrel) send exactly these.
/// </summary>
public static class HttpPlaybackFields
{
    /// <summary>The fields for <paramref name="decision"/>, in the order they are sent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(PlaybackDecision decision)
    {
        if (decision is not { IsPlayable: true, Target: { } target, Content: { } content })
        {
            return [new("Content-Length", "0")];
        }

        var fields = new List<KeyValuePair<string, string>>(6)
        {
            new("Content-Length", content.Length.ToString(CultureInfo.InvariantCulture)),
            new("Content-Type", target.ContentType),
            new("Accept-Ranges", "none"),
        };
        if (content.EntityTag is null)
        {
            // A recording under review grows: nobody may cache it.
            fields.Add(new("Cache-Control", "no-cache"));
        }
        else
        {
            fields.Add(new("Cache-Control", "public, max-age=" + decision.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new("ETag", content.EntityTag));
        }

        if (content.LastModified is { } modified)
        {
            fields.Add(new("Last-Modified", modified.ToString("r", CultureInfo.InvariantCulture)));
        }

        return fields;
    }
}
