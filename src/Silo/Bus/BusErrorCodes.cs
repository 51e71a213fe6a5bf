using MediaOrleans.Silo.Streams;

namespace MediaOrleans.Silo.Bus;

/// <summary>The <c>Error-Code</c> values of <c>media_error</c> and the one table from refusals to them.</summary>
public static class BusErrorCodes
{
    /// <summary>No media item has the name asked for.</summary>
    public const string NotFound = "not_found";

    /// <summary>The item exists but has nothing to play.</summary>
    public const string NoData = "no_data";

    /// <summary>Anything else; <c>Error-Msg</c> says what.</summary>
    public const string Other = "other";

    /// <summary>The code Kazoo callers expect for <paramref name="refusal"/>.</summary>
    public static string For(StreamRefusal refusal) => refusal switch
    {
        StreamRefusal.NotFound => NotFound,
        StreamRefusal.NoData => NoData,
        _ => Other,
    };
}
