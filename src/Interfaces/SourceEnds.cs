namespace MediaOrleans.Interfaces;

/// <summary>The one table from <see cref="SourceEnd"/> to the <c>stoppedReason</c> callers see.</summary>
public static class SourceEnds
{
    /// <summary>The reason of <paramref name="end"/>, e.g. <c>silence</c>.</summary>
    public static string Reason(this SourceEnd end) => end switch
    {
        SourceEnd.Closed => "closed",
        SourceEnd.Silence => "silence",
        SourceEnd.TooSlow => "too-slow",
        _ => throw new ArgumentOutOfRangeException(nameof(end), end, "not a source end"),
    };
}
