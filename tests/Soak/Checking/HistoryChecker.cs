using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>Judges a whole history against every invariant; pure: the same history gives the same violations.</summary>
public static class HistoryChecker
{
    public static IReadOnlyList<Violation> Check(IReadOnlyList<SoakEvent> history, IReadOnlyDictionary<string, byte[]> payloads, CheckerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var faults = new FaultWindows(history, settings.FailoverWindowSeconds);
        return
        [
            .. RecordingRules.Check(history, payloads, faults, settings.FailoverWindowSeconds),
            .. PlaybackRules.Check(history, faults),
            .. BusRules.Check(history, faults),
            .. ResourceRules.Check(history, settings),
        ];
    }
}
