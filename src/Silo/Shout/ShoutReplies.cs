using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// Every reply the SHOUT listener sends, as bytes. Error replies have an empty body: mod_shout
/// feeds any body to its MP3 decoder. Replies never use <c>ICY 200 OK</c> (libcurl rejects it).
/// </summary>
public static class ShoutReplies
{
    /// <summary>Header line listing what the listener serves; listing PUT makes libshout use PUT.</summary>
    public const string AllowHeader = "Allow: GET, HEAD, OPTIONS, SOURCE, PUT\r\n";

    /// <summary>Challenge sent with 401.</summary>
    public const string ChallengeHeader = "WWW-Authenticate: Basic realm=\"MediaOrleans\"\r\n";

    /// <summary>Icecast's exact answer to an accepted source, which every source client takes as the go-ahead.</summary>
    public static ReadOnlySpan<byte> SourceAccepted => "HTTP/1.0 200 OK\r\n\r\n"u8;

    /// <summary>
    /// An empty-bodied reply. <paramref name="keepAlive"/> answers in the client's own version and
    /// signals reuse, which libshout honours (HTTP/1.1, or HTTP/1.0 with Connection: keep-alive).
    /// </summary>
    public static byte[] Status(int status, bool http11, bool keepAlive, string? extraHeaders = null) =>
        new ResponseHead(status, http11).Header("Server", "MediaOrleans").Lines(extraHeaders)
            .Connection(keepAlive, http11).Header("Content-Length", 0).ToBytes();

    /// <summary>
    /// Playback reply head: MP3 frames follow, no ICY metadata. Without a length the body ends
    /// when the connection closes (HTTP/1.0), as Icecast's do.
    /// </summary>
    public static byte[] PlaybackHead(long? length)
    {
        var head = new ResponseHead(200, http11: false).Header("Server", "MediaOrleans").Header("Content-Type", "audio/mpeg");
        if (length is { } n)
        {
            head.Header("Content-Length", n);
        }

        return head.Header("Cache-Control", "no-cache").Connection(keepAlive: false, clientHttp11: false).ToBytes();
    }

    /// <summary>Continuous stream reply head: MP3 frames follow until the connection closes.</summary>
    public static ReadOnlyMemory<byte> LiveHead { get; } = PlaybackHead(null);
}
