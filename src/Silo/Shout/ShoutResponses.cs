using System.Text;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Every reply the SHOUT listener sends, as bytes. Error replies have an empty body: mod_shout
/// feeds any body to its MP3 decoder. Replies never use <c>ICY 200 OK</c> (libcurl rejects it).
/// </summary>
public static class ShoutResponses
{
    /// <summary>Icecast's exact answer to an accepted source; also the playback status line.</summary>
    public static ReadOnlySpan<byte> SourceAccepted => "HTTP/1.0 200 OK\r\n\r\n"u8;

    /// <summary>The status a rejection maps to (one table, used for every reply).</summary>
    public static int StatusOf(ShoutRejection rejection) => rejection switch
    {
        ShoutRejection.HeadTooLarge or ShoutRejection.TooManyHeaders => 431,
        ShoutRejection.UnsupportedVersion => 505,
        ShoutRejection.MethodNotAllowed => 405,
        ShoutRejection.UnsupportedTransferEncoding => 501,
        ShoutRejection.HeadTimeout => 408,
        _ => 400,
    };

    /// <summary>
    /// An empty-bodied reply. <paramref name="keepAlive"/> answers in the client's own version and
    /// signals reuse, which libshout honours (HTTP/1.1, or HTTP/1.0 with Connection: keep-alive).
    /// </summary>
    public static byte[] Status(int status, bool http11, bool keepAlive, string? extraHeaders = null)
    {
        var text = new StringBuilder()
            .Append(http11 ? "HTTP/1.1 " : "HTTP/1.0 ").Append(status).Append(' ').Append(Reason(status)).Append("\r\n")
            .Append("Server: MediaOrleans\r\n")
            .Append(extraHeaders)
            .Append(keepAlive ? (http11 ? string.Empty : "Connection: keep-alive\r\n") : "Connection: close\r\n")
            .Append("Content-Length: 0\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Header line listing what the listener serves; listing PUT makes libshout use PUT.</summary>
    public const string AllowHeader = "Allow: GET, HEAD, OPTIONS, SOURCE, PUT\r\n";

    /// <summary>Challenge sent with 401.</summary>
    public const string ChallengeHeader = "WWW-Authenticate: Basic realm=\"MediaOrleans\"\r\n";

    /// <summary>
    /// Playback reply head: MP3 frames follow, no ICY metadata. Without a length the body ends
    /// when the connection closes (HTTP/1.0), as Icecast's do.
    /// </summary>
    public static byte[] PlaybackHead(long? length) => Encoding.ASCII.GetBytes(
        $"HTTP/1.0 200 OK\r\nServer: MediaOrleans\r\nContent-Type: audio/mpeg\r\n{(length is { } n ? $"Content-Length: {n}\r\n" : string.Empty)}Cache-Control: no-cache\r\nConnection: close\r\n\r\n");

    /// <summary>Continuous stream reply head: MP3 frames follow until the connection closes.</summary>
    public static ReadOnlyMemory<byte> LiveHead { get; } = Encoding.ASCII.GetBytes(
        "HTTP/1.0 200 OK\r\nServer: MediaOrleans\r\nContent-Type: audio/mpeg\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n");

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    };
}
