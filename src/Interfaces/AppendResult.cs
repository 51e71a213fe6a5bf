namespace MediaOrleans.Interfaces;

/// <summary>Whether a source may keep streaming after an append.</summary>
public enum AppendResult
{
    /// <summary>Keep reading.</summary>
    Continue,

    /// <summary>A size limit was reached: stop reading and close the source.</summary>
    LimitReached,

    /// <summary>The session is not (or no longer) the admitted one.</summary>
    NotAdmitted,
}
