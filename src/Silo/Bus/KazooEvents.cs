namespace MediaOrleans.Silo.Bus;

/// <summary>The <c>Event-Category</c> and <c>Event-Name</c> values of the media API.</summary>
public static class KazooEvents
{
    /// <summary>The category of every message of the media API.</summary>
    public const string MediaCategory = "media";

    /// <summary>Kazoo's request for a playback URL.</summary>
    public const string MediaRequest = "media_req";

    /// <summary>Kazoo's answer carrying the URL.</summary>
    public const string MediaResponse = "media_resp";

    /// <summary>Kazoo's answer when no URL can be given.</summary>
    public const string MediaError = "media_error";

    /// <summary>This project's request for a recording URL.</summary>
    public const string RecordRequest = "record_req";

    /// <summary>This project's answer carrying the recording URL.</summary>
    public const string RecordResponse = "record_resp";
}
