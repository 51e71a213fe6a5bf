using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// A recording spool that cannot be written: a full disk (ENOSPC) or any other I/O error. The
/// source it fails ends as <see cref="StoppedReason"/>, and each recording logs it as one warning
/// naming the recording and the error, without a stack trace; anything after that for the same
/// recording is Debug. A full disk fails every recording at once, and each would otherwise warn on
/// every append and every retried save of its record. What a failure does to the source session
/// is here too: the spool is cut back to the bytes the recording counted, and a session whose
/// spool file cannot be flushed ends all the same.
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

    /// <summary>
    /// After <paramref name="error"/> failed an append to <paramref name="source"/>, cuts its spool
    /// back to the <paramref name="confirmed"/> bytes the recording counted, and reports it.
    /// </summary>
    /// <remarks>
    /// What that append wrote of its chunk is cut away. Should even the cut fail, what stays past
    /// the confirmed bytes is the start of that chunk, still bytes the source sent, and nothing
    /// reads it (reads stop at the count).
    /// </remarks>
    public void CutBack(ILogger logger, string recording, SourceSession source, long confirmed, IOException error)
    {
        try
        {
            source.CutBack(confirmed);
        }
        catch (IOException)
        {
            // Reported below with the append's own error.
        }

        Report(logger, recording, error, $"source stopped as {StoppedReason}, {confirmed} bytes kept");
    }

    /// <summary>
    /// Closes <paramref name="source"/>, if any. Closing flushes the spool file to disk, which a
    /// full disk can fail: that is reported, and the session ends all the same.
    /// </summary>
    public async Task CloseAsync(ILogger logger, string recording, SourceSession? source)
    {
        try
        {
            if (source is not null)
            {
                await source.CloseAsync();
            }
        }
        catch (IOException ex)
        {
            Report(logger, recording, ex, "its spool file could not be flushed on close");
        }
    }
}
