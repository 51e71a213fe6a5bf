namespace MediaOrleans.Interfaces;

/// <summary>
/// Why no playback URL was given. The same refusal reaches every caller: the admin API and
/// mediactl report its <see cref="UrlRefusals.Code"/>, the bus maps it to Kazoo's error codes,
/// and Orleans clients switch on it.
/// </summary>
public enum UrlRefusal
{
    /// <summary>The media name is missing or malformed (<c>invalid_name</c>).</summary>
    InvalidName,

    /// <summary>No media item has that name (<c>not_found</c>).</summary>
    NotFound,

    /// <summary>The item exists but has nothing to play (<c>no_data</c>).</summary>
    NoData,

    /// <summary>The protocol is not served (<c>unsupported_protocol</c>).</summary>
    UnsupportedProtocol,

    /// <summary>The format is not served (<c>unsupported_format</c>).</summary>
    UnsupportedFormat,

    /// <summary>The item cannot be served in the asked form over the asked protocol (<c>format_unavailable</c>).</summary>
    FormatUnavailable,

    /// <summary>The stream type is not served (<c>unsupported_stream_type</c>).</summary>
    UnsupportedStreamType,
}
