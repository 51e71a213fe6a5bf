namespace MediaOrleans.Client.Recordings;

/// <summary>No recording of that name exists.</summary>
public sealed class RecordingNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordingNotFoundException(string recording) : base($"recording '{recording}' does not exist") => Recording = recording;

    /// <summary>The name asked for.</summary>
    public string Recording { get; }
}
