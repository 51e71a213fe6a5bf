using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>
/// The stretches of a run when failures are excused: from each fault's start to its end plus the
/// failover window (a fault never ended lasts to the end of the history).
/// </summary>
public sealed class FaultWindows
{
    private readonly List<(double From, double To, SoakEvent Start)> _windows = [];

    public FaultWindows(IReadOnlyList<SoakEvent> history, double failoverSeconds)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history.Count == 0 ? 0 : history.Max(e => e.At);
        foreach (var start in history.Where(e => e.Type == EventTypes.FaultStart))
        {
            var end = history.FirstOrDefault(e => e.Type == EventTypes.FaultEnd && e.Id == start.Id);
            _windows.Add((start.At, (end?.At ?? last) + failoverSeconds, start));
        }
    }

    /// <summary>Whether <paramref name="at"/> falls in any window.</summary>
    public bool Covers(double at) => _windows.Any(w => w.From <= at && at <= w.To);

    /// <summary>Whether [<paramref name="from"/>, <paramref name="to"/>] overlaps any window.</summary>
    public bool Overlaps(double from, double to) => _windows.Any(w => w.From <= to && from <= w.To);

    /// <summary>
    /// Whether a fault of <paramref name="kinds"/> on <paramref name="silo"/>, or on every silo at
    /// once (silo -1: the broker, the store, the shared spool's disk), overlaps [<paramref name="from"/>, <paramref name="to"/>].
    /// </summary>
    public bool TouchedSilo(int silo, double from, double to, params string[] kinds) =>
        _windows.Any(w => (w.Start.Silo == silo || w.Start.Silo < 0) && kinds.Contains(w.Start.Kind) && w.From <= to && from <= w.To);

    /// <summary>
    /// When <paramref name="silo"/> had caught up with what a client handed it by <paramref name="at"/>:
    /// the failover window later, or, if the silo was paused (SIGSTOP) at that moment, the end of
    /// that pause's window; bytes a source wrote into the kernel's buffers are only read once the
    /// silo runs again.
    /// </summary>
    public double CaughtUp(int silo, double at, double failoverSeconds) =>
        _windows.Where(w => w.Start.Silo == silo && w.Start.Kind == FaultKinds.Pause && w.From <= at && at <= w.To)
            .Select(w => w.To)
            .DefaultIfEmpty(at + failoverSeconds)
            .Max();

    /// <summary>The fault starts whose windows overlap [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IEnumerable<SoakEvent> Around(double from, double to) =>
        _windows.Where(w => w.From <= to && from <= w.To).Select(w => w.Start);
}
