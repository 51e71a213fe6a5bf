namespace MediaOrleans.Silo.Shout;

/// <summary>The parser's answer: the head and how many bytes it took, or why it was refused.</summary>
public readonly record struct ShoutParseResult(ShoutParseStatus Status, ShoutRequestHead? Head, ShoutRejection Rejection, long Consumed)
{
    /// <summary>Read more bytes.</summary>
    public static ShoutParseResult Incomplete => new(ShoutParseStatus.Incomplete, null, ShoutRejection.None, 0);

    /// <summary>A refusal for <paramref name="reason"/>.</summary>
    public static ShoutParseResult Reject(ShoutRejection reason) => new(ShoutParseStatus.Rejected, null, reason, 0);
}
