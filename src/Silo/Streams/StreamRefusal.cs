namespace MediaOrleans.Silo.Streams;

/// <summary>Why no playback URL was given; each front end maps these to its own error shape.</summary>
public enum StreamRefusal
{
    /// <summary>The media name is missing or malformed.</summary>
    InvalidName,

    /// <summary>No media item has that name.</summary>
    NotFound,

    /// <summary>The item exists but has nothing to play.</summary>
    NoData,

    /// <summary>The protocol is not served (only http and shout are).</summary>
    UnsupportedProtocol,

    /// <summary>The format is not served (only wav and mp3 are).</summary>
    UnsupportedFormat,

    /// <summary>The item cannot be served in the asked form over the asked protocol.</summary>
    FormatUnavailable,

    /// <summary>The stream type is neither new nor extant.</summary>
    UnsupportedStreamType,
}
