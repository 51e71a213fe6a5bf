namespace MediaOrleans.Fuzz;

/// <summary>What one input did to the silo.</summary>
/// <param name="Statuses">Every HTTP/SHOUT status line the silo answered with, in order.</param>
/// <param name="Hung">Whether the silo neither answered to the end nor closed within the per-input deadline.</param>
/// <param name="Refused">Whether the connection could not even be opened (the listener is gone).</param>
/// <param name="Text">The start of what was answered (Latin-1), for the families that read an answer.</param>
public sealed record Outcome(IReadOnlyList<int> Statuses, bool Hung = false, bool Refused = false, string Text = "")
{
    /// <summary>Nothing to check: a message published on the bus, or a connection closed without an answer.</summary>
    public static Outcome Quiet { get; } = new([]);
}
