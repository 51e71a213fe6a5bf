namespace MediaOrleans.Interfaces;

/// <summary>The one table from <see cref="UrlRefusal"/> to the snake_case codes callers see.</summary>
public static class UrlRefusals
{
    /// <summary>The code of <paramref name="refusal"/>, e.g. <c>not_found</c>.</summary>
    public static string Code(this UrlRefusal refusal) => refusal switch
    {
        UrlRefusal.InvalidName => "invalid_name",
        UrlRefusal.NotFound => "not_found",
        UrlRefusal.NoData => "no_data",
        UrlRefusal.UnsupportedProtocol => "unsupported_protocol",
        UrlRefusal.UnsupportedFormat => "unsupported_format",
        UrlRefusal.FormatUnavailable => "format_unavailable",
        UrlRefusal.UnsupportedStreamType => "unsupported_stream_type",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "not a refusal"),
    };
}
