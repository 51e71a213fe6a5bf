using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// The <c>Error-Code</c> values of <c>media_error</c>: Kazoo knows <c>not_found</c> and
/// <c>no_data</c> (the refusals' own codes) and reports everything else as <c>other</c>.
/// </summary>
public static class BusErrorCodes
{
    /// <summary>Anything Kazoo has no code for; <c>Error-Msg</c> says what.</summary>
    public const string Other = "other";

    /// <summary>The code Kazoo callers expect for <paramref name="refusal"/>.</summary>
    public static string For(UrlRefusal refusal) =>
        refusal is UrlRefusal.NotFound or UrlRefusal.NoData ? refusal.Code() : Other;
}
