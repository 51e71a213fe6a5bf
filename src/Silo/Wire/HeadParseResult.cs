namespace MediaOrleans.Silo.Wire;

/// <summary>The parser's answer: the head and how many bytes it took, or why it was refused.</summary>
public readonly record struct HeadParseResult(HeadParseStatus Status, RequestHead? Head, HeadRejection Rejection, long Consumed)
{
    /// <summary>Read more bytes.</summary>
    public static HeadParseResult Incomplete => new(HeadParseStatus.Incomplete, null, HeadRejection.None, 0);

    /// <summary>A refusal for <paramref name="reason"/>.</summary>
    public static HeadParseResult Reject(HeadRejection reason) => new(HeadParseStatus.Rejected, null, reason, 0);
}
