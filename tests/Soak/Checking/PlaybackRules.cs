using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>
/// Plays and listens: a success returns exactly the bytes stored (when the history says which);
/// a failure is clean (the client saw an error, not wrong audio) and falls in a failover window.
/// </summary>
public static class PlaybackRules
{
    public static IEnumerable<Violation> Check(IReadOnlyList<SoakEvent> history, FaultWindows faults)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(faults);
        var starts = new StartIndex(history);
        foreach (var end in history.Where(e => e.Type == EventTypes.End && OpKinds.Plays.Contains(e.Kind)))
        {
            var start = starts.Of(end) ?? end;
            IReadOnlyList<SoakEvent> excerpt = [start, end, .. faults.Around(start.At, end.At)];
            if (end.Ok && end.Expected is not null && !end.Expected.Equals(end.Digest, StringComparison.Ordinal))
            {
                yield return new Violation(ViolationKinds.WrongBytes, end.Id,
                    $"{end.Kind} {end.Id} from silo {end.Silo} returned {end.Bytes} bytes that differ from what was stored", excerpt);
            }
            else if (!end.Ok && !faults.Overlaps(start.At, end.At))
            {
                yield return new Violation(ViolationKinds.ErrorOutsideWindow, end.Id,
                    $"{end.Kind} {end.Id} from silo {end.Silo} failed at {end.At:F1} s outside every failover window: {end.Detail}", excerpt);
            }
        }
    }
}
