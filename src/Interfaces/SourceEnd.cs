namespace MediaOrleans.Interfaces;

/// <summary>Why a source connection ended, as its listener saw it; the recording keeps it as its <c>stoppedReason</c>.</summary>
public enum SourceEnd
{
    /// <summary>The source closed its stream (<c>closed</c>).</summary>
    Closed,

    /// <summary>The source sent nothing for the listener's idle time and was cut (<c>silence</c>).</summary>
    Silence,

    /// <summary>The source sent slower than the listener's minimum data rate and was cut (<c>too-slow</c>).</summary>
    TooSlow,
}
