namespace MediaOrleans.Soak.History;

/// <summary>Each operation's start event by (kind, id), so pairing ends with starts stays linear in long histories.</summary>
public sealed class StartIndex(IReadOnlyList<SoakEvent> history)
{
    private readonly Dictionary<(string Kind, string Id), SoakEvent> _starts = history
        .Where(e => e.Type == EventTypes.Start)
        .GroupBy(e => (e.Kind, e.Id))
        .ToDictionary(g => g.Key, g => g.First());

    /// <summary>The start of <paramref name="end"/>'s operation, or null when the history has none.</summary>
    public SoakEvent? Of(SoakEvent end) => _starts.GetValueOrDefault((end.Kind, end.Id));
}
