using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Silo.Shout;

/// <summary>Which requests the SHOUT listener serves at all; the rest are refused before any other work.</summary>
public static class ShoutRequestRules
{
    /// <summary>
    /// Why <paramref name="head"/> is refused, or <see cref="HeadRejection.None"/>: only its five
    /// methods are served, and only bodies whose end it can find (a source body ends when the
    /// source closes; a Transfer-Encoding would say otherwise).
    /// </summary>
    public static HeadRejection Refusal(RequestHead head) => head switch
    {
        { Method: RequestMethod.Other or RequestMethod.Post or RequestMethod.Delete } => HeadRejection.MethodNotAllowed,
        { HasTransferEncoding: true } => HeadRejection.UnsupportedTransferEncoding,
        _ => HeadRejection.None,
    };
}
