using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>One broken invariant: which (<see cref="ViolationKinds"/>), about what, and the events that show it.</summary>
public sealed record Violation(string Kind, string Subject, string Message, IReadOnlyList<SoakEvent> Excerpt);

/// <summary>Values of <see cref="Violation.Kind"/>.</summary>
public static class ViolationKinds
{
    /// <summary>Stored bytes are fewer than the source sent, or a cut recording lost bytes it had sent before a prefix.</summary>
    public const string LostBytes = "lost-bytes";

    /// <summary>Stored bytes are more than, or differ from, what the source sent.</summary>
    public const string ExtraBytes = "extra-bytes";

    /// <summary>A recording stored as more than one media item.</summary>
    public const string StoredTwice = "stored-twice";

    /// <summary>A recording never stored.</summary>
    public const string NotStored = "not-stored";

    /// <summary>A recording's source was cut although no fault touched its silo.</summary>
    public const string SourceCut = "source-cut";

    /// <summary>A play returned bytes other than those stored.</summary>
    public const string WrongBytes = "wrong-bytes";

    /// <summary>A play or listen failed outside every failover window.</summary>
    public const string ErrorOutsideWindow = "error-outside-window";

    /// <summary>A bus request answered more than once.</summary>
    public const string AnsweredTwice = "answered-twice";

    /// <summary>A bus request sent outside every failover window never answered.</summary>
    public const string NeverAnswered = "never-answered";

    /// <summary>A silo's resident memory kept growing.</summary>
    public const string MemoryGrowth = "memory-growth";

    /// <summary>A silo's open file descriptors kept growing.</summary>
    public const string FdLeak = "fd-leak";
}
