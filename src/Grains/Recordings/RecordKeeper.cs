using MediaOrleans.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// A recording's record: the one the spool holds, and what the grain does when the spool refuses
/// to save a newer one. A save the grain cannot do without (an allocation, a source's start, a
/// pending store) throws, and the caller refuses what it was asked. A recording that ended is
/// complete all the same (<see cref="SaveOrKeepAsync"/>): the record is kept in memory, newer than
/// the saved one, and saved again at every look of the grain's <see cref="SourceWatchdog"/>, whose
/// timer keeps the grain active until the disk has room. A silo that stops before that finds the
/// last saved record (a receiving one ends as interrupted).
/// </summary>
internal sealed class RecordKeeper(
    IRecordingSpool spool,
    SourceWatchdog watchdog,
    SpoolFailure spoolFailure,
    ILogger logger)
{
    // The record in memory is newer than the saved one: a full disk failed its save.
    private bool _unsaved;

    /// <summary>The recording's record (the newest, saved or not); null while it is not allocated.</summary>
    public RecordingRecord? Current { get; private set; }

    /// <summary>Reads the saved record of recording <paramref name="name"/>.</summary>
    public async Task LoadAsync(string name, CancellationToken cancellationToken) =>
        Current = await spool.LoadAsync(name, cancellationToken);

    /// <summary>Saves <paramref name="record"/>, which becomes <see cref="Current"/>; throws <see cref="IOException"/> when the spool refuses it.</summary>
    public async Task SaveAsync(RecordingRecord record)
    {
        await spool.SaveAsync(record);
        Current = record;
        if (_unsaved)
        {
            // This save carried the record the disk had refused: nothing is left to retry.
            _unsaved = false;
            watchdog.Stop();
            RecordingLog.RecordSaved(logger, record.Name, record.State.ToString(), record.StoppedReason);
        }
    }

    /// <summary>
    /// Saves <paramref name="record"/> of a recording that ended (<paramref name="reason"/>); when
    /// the spool refuses it, keeps it as <see cref="Current"/> and has <paramref name="grain"/>'s
    /// watchdog run <paramref name="look"/>, which saves it again (<see cref="SaveAgainAsync"/>).
    /// </summary>
    public async Task SaveOrKeepAsync(RecordingRecord record, string reason, IGrainBase grain, Func<CancellationToken, Task> look)
    {
        try
        {
            await SaveAsync(record);
        }
        catch (IOException ex)
        {
            Current = record;
            _unsaved = true;
            spoolFailure.Report(logger, record.Name, ex,
                $"it is complete ({reason}) and its record is saved again every {watchdog.Period.TotalSeconds} s until the disk has room");
            watchdog.Start(grain, look);
        }
    }

    /// <summary>Saves the record the spool refused, if there is one; true when there was (the look is spent on it).</summary>
    public async Task<bool> SaveAgainAsync()
    {
        if (!_unsaved)
        {
            return false;
        }

        try
        {
            await SaveAsync(Current!);
        }
        catch (IOException ex)
        {
            spoolFailure.Report(logger, Current!.Name, ex, "its record is saved again at the next look");
        }

        return true;
    }
}
