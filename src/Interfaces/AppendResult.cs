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

    /// <summary>
    /// The silo could not spool the bytes (its disk is full, or failing): the recording ended as
    /// <c>spool-failed</c> with every byte confirmed before; stop reading and close the source.
    /// </summary>
    SpoolFailed,
}
