using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>
/// Bus requests: each is answered at most once, and one sent outside every failover window (its
/// whole wait included) is answered. A request whose wait overlaps a fault may go unanswered:
/// the requester sees a timeout, a clean error.
/// </summary>
public static class BusRules
{
    public static IEnumerable<Violation> Check(IReadOnlyList<SoakEvent> history, FaultWindows faults)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(faults);
        var replies = history.Where(e => e.Type == EventTypes.Reply).ToLookup(e => e.Id, StringComparer.Ordinal);
        var starts = new StartIndex(history);
        foreach (var end in history.Where(e => e.Type == EventTypes.End && e.Kind is OpKinds.BusMedia or OpKinds.BusRecord))
        {
            // A request with no end was still waiting when the run ended: nothing to judge.
            var start = starts.Of(end) ?? end;

            var answers = replies[start.Id].ToList();
            IReadOnlyList<SoakEvent> excerpt = [start, end, .. answers, .. faults.Around(start.At, end.At)];
            if (answers.Count > 1)
            {
                yield return new Violation(ViolationKinds.AnsweredTwice, start.Id, $"{start.Kind} {start.Id} answered {answers.Count} times", excerpt);
            }
            else if (answers.Count == 0 && !faults.Overlaps(start.At, end.At))
            {
                yield return new Violation(ViolationKinds.NeverAnswered, start.Id,
                    $"{start.Kind} {start.Id} sent at {start.At:F1} s outside every failover window was never answered ({end.Detail})", excerpt);
            }
        }
    }
}
