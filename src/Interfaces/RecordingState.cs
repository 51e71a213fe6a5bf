namespace MediaOrleans.Interfaces;

/// <summary>Life cycle of a recording.</summary>
public enum RecordingState
{
    /// <summary>No such recording.</summary>
    Unknown,

    /// <summary>Credentials issued; no source has connected yet.</summary>
    Allocated,

    /// <summary>A source is connected and bytes are arriving.</summary>
    Receiving,

    /// <summary>The source closed; every received byte is spooled.</summary>
    Complete,

    /// <summary>The recording was stored as a media item.</summary>
    Stored,
}
