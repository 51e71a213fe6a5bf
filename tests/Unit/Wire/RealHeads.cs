using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>
/// Request heads as real source clients send them (libshout 2.4.6, libshout 2.2.2, ffmpeg). The mount is
/// percent-encoded by libshout: <c>rec/a b.mp3</c> arrives as <c>/rec/a%20b.mp3</c>.
/// </summary>
internal static class RealHeads
{
    /// <summary><c>source:hackme</c>.</summary>
    public const string AuthorizationLine = "Authorization: Basic c291cmNlOmhhY2ttZQ==\r\n";

    /// <summary>libshout 2.4.2+ probes with OPTIONS before the source request.</summary>
    public const string LibshoutOptions =
        "OPTIONS * HTTP/1.1\r\n" +
        "Host: 127.0.0.1:24518\r\n" +
        "User-Agent: libshout/2.4.6\r\n" +
        "Connection: Upgrade\r\n" +
        "Upgrade: TLS/1.0, HTTP/1.1\r\n" +
        "\r\n";

    private const string IceHeaders =
        "Host: 127.0.0.1:24518\r\n" +
        "User-Agent: libshout/2.4.6\r\n" +
        "Content-Type: audio/mpeg\r\n" +
        "Connection: Keep-Alive\r\n" +
        "ice-public: 0\r\n" +
        "ice-name: no name\r\n" +
        "ice-url: http://www.freeswitch.org\r\n" +
        "ice-description: FreeSWITCH mod_shout Broadcasting Module\r\n" +
        "ice-audio-info: bitrate=24000\r\n" +
        "Prefer: return=minimal\r\n";

    /// <summary>libshout 2.4.6's first source request: no credentials, <c>Content-Length: 0</c>.</summary>
    public const string LibshoutSource =
        "SOURCE /rec/a%20b.mp3 HTTP/1.0\r\n" + IceHeaders + "Content-Length: 0\r\n\r\n";

    /// <summary>The retry after 401: Authorization right after the request line, no Content-Length.</summary>
    public const string LibshoutAuthenticatedSource =
        "SOURCE /rec/a%20b.mp3 HTTP/1.0\r\n" + AuthorizationLine + IceHeaders + "\r\n";

    /// <summary>libshout after a reply whose <c>Allow:</c> lists PUT.</summary>
    public const string LibshoutPut =
        "PUT /rec/a%20b.mp3 HTTP/1.1\r\n" + AuthorizationLine + IceHeaders + "Expect: 100-continue\r\n\r\n";

    /// <summary>libshout 2.2.2: one authenticated SOURCE, no Host header.</summary>
    public const string Libshout222Source =
        "SOURCE /rec/call-1.mp3 HTTP/1.0\r\n" +
        AuthorizationLine +
        "User-Agent: libshout/2.2.2\r\n" +
        "Content-Type: audio/mpeg\r\n" +
        "ice-name: no name\r\n" +
        "ice-public: 0\r\n" +
        "ice-url: http://www.freeswitch.org\r\n" +
        "ice-description: FreeSWITCH mod_shout Broadcasting Module\r\n" +
        "ice-audio-info: bitrate=24000\r\n" +
        "\r\n";

    /// <summary>ffmpeg <c>icecast://</c>: one PUT that waits for 100 Continue or 200.</summary>
    public const string FfmpegPut =
        "PUT /rec/ffmpeg.mp3 HTTP/1.1\r\n" +
        "Accept: */*\r\n" +
        "Expect: 100-continue\r\n" +
        "User-Agent: Lavf/61.7.100\r\n" +
        "Connection: close\r\n" +
        "Host: 127.0.0.1:24518\r\n" +
        "Icy-MetaData: 1\r\n" +
        AuthorizationLine +
        "Ice-Public: 0\r\n" +
        "Content-Type: audio/mpeg\r\n" +
        "\r\n";

    /// <summary>Every head by a short name (theory data must be serializable, so tests take the name).</summary>
    public static readonly IReadOnlyDictionary<string, ClientHead> All = new Dictionary<string, ClientHead>
    {
        ["libshout-options"] = new(LibshoutOptions, RequestMethod.Options, "*", "*", true, true, null, 4),
        ["libshout-source"] = new(LibshoutSource, RequestMethod.Source, "/rec/a%20b.mp3", "/rec/a b.mp3", false, true, 0, 11),
        ["libshout-source-auth"] = new(LibshoutAuthenticatedSource, RequestMethod.Source, "/rec/a%20b.mp3", "/rec/a b.mp3", false, true, null, 11),
        ["libshout-put"] = new(LibshoutPut, RequestMethod.Put, "/rec/a%20b.mp3", "/rec/a b.mp3", true, true, null, 12),
        ["libshout-2.2.2-source"] = new(Libshout222Source, RequestMethod.Source, "/rec/call-1.mp3", "/rec/call-1.mp3", false, false, null, 8),
        ["ffmpeg-put"] = new(FfmpegPut, RequestMethod.Put, "/rec/ffmpeg.mp3", "/rec/ffmpeg.mp3", true, false, null, 9),
    };
}
