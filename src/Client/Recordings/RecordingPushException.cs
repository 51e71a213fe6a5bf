using MediaOrleans.Interfaces;

namespace MediaOrleans.Client.Recordings;

/// <summary>
/// A push stopped before the whole file went in: the recording refused the source, or reached a
/// limit (<c>maxSeconds</c>, <c>Media:Recordings:MaxBytes</c>). Whatever the recording kept is in
/// <see cref="Status"/>, complete and storable.
/// </summary>
public sealed class RecordingPushException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordingPushException(string recording, AppendResult result, long bytesSent, RecordingStatus? status, string message)
        : base(message)
    {
        Recording = recording;
        Result = result;
        BytesSent = bytesSent;
        Status = status;
    }

    /// <summary>The recording's name.</summary>
    public string Recording { get; }

    /// <summary><see cref="AppendResult.LimitReached"/>, <see cref="AppendResult.SpoolFailed"/> or <see cref="AppendResult.NotAdmitted"/>.</summary>
    public AppendResult Result { get; }

    /// <summary>Bytes of the source the recording accepted before it stopped.</summary>
    public long BytesSent { get; }

    /// <summary>The recording as it ended, when it could be read.</summary>
    public RecordingStatus? Status { get; }
}
