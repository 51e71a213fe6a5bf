namespace MediaOrleans.Silo.Bus;

/// <summary>
/// The JSON field names of Kazoo's media API on the bus, spelled exactly as Kazoo sends them
/// (case matters: Kazoo compares them as binaries).
/// </summary>
public static class KazooFields
{
    /// <summary>Standard header: the API's category (<c>media</c>).</summary>
    public const string EventCategory = "Event-Category";

    /// <summary>Standard header: which message this is (<c>media_req</c>, <c>media_resp</c>, …).</summary>
    public const string EventName = "Event-Name";

    /// <summary>Standard header: the sending application.</summary>
    public const string AppName = "App-Name";

    /// <summary>Standard header: the sending application's version.</summary>
    public const string AppVersion = "App-Version";

    /// <summary>Standard header: the sender's reply address, used as the reply's routing key.</summary>
    public const string ServerId = "Server-ID";

    /// <summary>Standard header: the request's correlation id, copied into its reply.</summary>
    public const string MsgId = "Msg-ID";

    /// <summary>The media asked for (echoed as sent), or the recording's name.</summary>
    public const string MediaName = "Media-Name";

    /// <summary><c>new</c> (a single play) or <c>extant</c> (join the item's continuous stream).</summary>
    public const string StreamType = "Stream-Type";

    /// <summary>Forces the URL scheme: <c>http</c>, <c>https</c>, <c>shout</c> or <c>vlc</c>.</summary>
    public const string Protocol = "Protocol";

    /// <summary>Audio format asked for: <c>wav</c> or <c>mp3</c>.</summary>
    public const string Format = "Format";

    /// <summary>This project's extension: the sample rate of a WAV asked for, in Hz.</summary>
    public const string Rate = "Rate";

    /// <summary>The call the request is made for (logged, not answered).</summary>
    public const string CallId = "Call-ID";

    /// <summary>This project's extension: the longest a recording may run, in seconds.</summary>
    public const string MaxSeconds = "Max-Seconds";

    /// <summary>The playback (or recording) URL of a reply.</summary>
    public const string StreamUrl = "Stream-URL";

    /// <summary>The error code of a <c>media_error</c>: <c>not_found</c>, <c>no_data</c> or <c>other</c>.</summary>
    public const string ErrorCode = "Error-Code";

    /// <summary>The human-readable reason of a <c>media_error</c>.</summary>
    public const string ErrorMsg = "Error-Msg";
}
