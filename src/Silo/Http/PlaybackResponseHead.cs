using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The status line and headers of an HTTP playback answer, the same for GET and HEAD as
/// mod_httapi needs: exact <c>Content-Length</c>, <c>Content-Type</c> from the extension,
/// <c>ETag</c> (the version), <c>Last-Modified</c>, and <c>Cache-Control</c> never past the URL's
/// expiry. Errors carry <c>Content-Length: 0</c>: some FreeSWITCH paths feed any body to a decoder.
/// </summary>
internal static class PlaybackResponseHead
{
    /// <summary>A 200 head for <paramref name="content"/>.</summary>
    public static byte[] Ok(PlaybackTarget target, PlaybackContent content, int maxAgeSeconds, string date, bool http11, bool keepAlive)
    {
        var head = StatusLine(200, "OK", date)
            .Append("Content-Length: ").Append(content.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Content-Type: ").Append(target.ContentType).Append("\r\n")
            .Append("Accept-Ranges: none\r\n");
        if (content.EntityTag is null)
        {
            // A recording under review grows: nobody may cache it.
            head.Append("Cache-Control: no-cache\r\n");
        }
        else
        {
            head.Append("Cache-Control: public, max-age=").Append(maxAgeSeconds.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("ETag: ").Append(content.EntityTag).Append("\r\n");
        }

        if (content.LastModified is { } modified)
        {
            head.Append("Last-Modified: ").Append(modified.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return Finish(head, http11, keepAlive);
    }

    /// <summary>An empty-bodied error head.</summary>
    public static byte[] Error(int status, string date, bool http11, bool keepAlive)
    {
        var reason = status switch { 403 => "Forbidden", 404 => "Not Found", 503 => "Service Unavailable", _ => "Error" };
        return Finish(StatusLine(status, reason, date).Append("Content-Length: 0\r\n"), http11, keepAlive);
    }

    private static StringBuilder StatusLine(int status, string reason, string date) =>
        new StringBuilder(320).Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(reason).Append("\r\n")
            .Append("Date: ").Append(date).Append("\r\n");

    private static byte[] Finish(StringBuilder head, bool http11, bool keepAlive)
    {
        if (!keepAlive)
        {
            head.Append("Connection: close\r\n");
        }
        else if (!http11)
        {
            head.Append("Connection: keep-alive\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }
}
