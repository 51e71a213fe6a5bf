using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// A recording spool that cannot be written: a full disk (ENOSPC) or any other I/O error. The
/// source it fails ends as <see cref="StoppedReason"/>, and each recording logs it as one warning
/// naming the recording and the error, without a stack trace; anything after that for the same
/// recording is Debug. A full disk fails every recording at once, and each would otherwise warn on
/// every append and every retried save of its record.
/// </summary>
internal sealed class SpoolFailure
{
    /// <summary>The <c>stoppedReason</c> of a recording whose spool could not take its bytes.</summary>
    public const string StoppedReason = "spool-failed";

    private bool _warned;

    /// <summary>Logs <paramref name="error"/> of <paramref name="recording"/>'s spool and what the grain did about it.</summary>
    public void Report(ILogger logger, string recording, IOException error, string outcome)
    {
        if (_warned)
        {
            RecordingLog.SpoolFailedAgain(logger, recording, error.Message, outcome);
            return;
        }

        _warned = true;
        RecordingLog.SpoolFailed(logger, recording, error.Message, outcome);
    }
}
