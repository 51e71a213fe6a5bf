namespace MediaOrleans.Silo.Streams;

/// <summary>The error code each <see cref="StreamRefusal"/> is reported with, the same on every front end.</summary>
public static class StreamRefusalCodes
{
    /// <summary>The snake_case code of <paramref name="refusal"/>.</summary>
    public static string Code(StreamRefusal refusal) => refusal switch
    {
        StreamRefusal.NotFound => "not_found",
        StreamRefusal.NoData => "no_data",
        StreamRefusal.InvalidName => "invalid_name",
        StreamRefusal.UnsupportedProtocol => "unsupported_protocol",
        StreamRefusal.UnsupportedFormat => "unsupported_format",
        StreamRefusal.UnsupportedStreamType => "unsupported_stream_type",
        _ => "format_unavailable",
    };
}
