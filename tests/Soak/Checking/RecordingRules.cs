using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Checking;

/// <summary>
/// Recordings: a source acknowledged as ended (it exited cleanly, and neither was its silo killed
/// nor the spool's disk full meanwhile) is stored exactly once with exactly the bytes it sent; a
/// source cut, or ended during such a fault, is stored as an exact prefix of what it sent; a
/// source cut with no fault on its silo (kill, pause, disk full) is itself a violation (the silo
/// dropped a live recording).
/// </summary>
public static class RecordingRules
{
    /// <summary>Violations in <paramref name="history"/>; <paramref name="payloads"/> holds the bytes each payload name stands for.</summary>
    public static IEnumerable<Violation> Check(IReadOnlyList<SoakEvent> history, IReadOnlyDictionary<string, byte[]> payloads, FaultWindows faults,
        double failoverSeconds)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var start in history.Where(e => e.Type == EventTypes.Start && e.Kind == OpKinds.Record))
        {
            var end = history.FirstOrDefault(e => e.Type == EventTypes.End && e.Kind == OpKinds.Record && e.Id == start.Id);
            if (end is null)
            {
                continue; // the run ended while it was streaming: nothing was promised yet
            }

            var stores = history.Where(e => e.Kind == OpKinds.Store && e.Id == start.Id).ToList();
            var excerpt = (IReadOnlyList<SoakEvent>)[start, end, .. stores, .. faults.Around(start.At, end.At)];
            var sent = payloads[start.Detail!].AsSpan(0, (int)Math.Min(end.Bytes, payloads[start.Detail!].Length)).ToArray();
            if (!end.Ok && !faults.TouchedSilo(start.Silo, start.At, end.At, FaultKinds.Kill, FaultKinds.Pause, FaultKinds.DiskFull))
            {
                yield return new Violation(ViolationKinds.SourceCut, start.Id,
                    $"the source of {start.Id} on silo {start.Silo} was cut at {end.Bytes} bytes ({end.Detail}) with no fault on that silo", excerpt);
            }

            // A source's clean exit is the silo's acknowledgement only if its silo lived through
            // the recording and could spool it until it had read the last byte: libshout may
            // finish writing into the socket of a silo already killed, or paused and then meeting
            // a full disk when it reads the rest, or closing the connection because its disk is full.
            var caughtUp = faults.CaughtUp(start.Silo, end.At, failoverSeconds);
            var acknowledged = end.Ok && !faults.TouchedSilo(start.Silo, start.At, caughtUp, FaultKinds.Kill, FaultKinds.DiskFull);
            var stored = stores.Where(e => e.Type == EventTypes.End && e.Ok).ToList();
            var names = stored.Select(e => e.Detail).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0 && !acknowledged && (end.Bytes == 0 || stores.Any(e => e.Detail == "no_data")))
            {
                continue; // cut before the silo took a byte (or before the source could connect): there is nothing to keep
            }

            if (names.Count == 0)
            {
                yield return new Violation(ViolationKinds.NotStored, start.Id, $"{start.Id} ({sent.Length} bytes sent) was never stored", excerpt);
                continue;
            }

            if (names.Count > 1)
            {
                yield return new Violation(ViolationKinds.StoredTwice, start.Id, $"{start.Id} stored as {string.Join(", ", names)}", excerpt);
            }

            foreach (var item in stored.DistinctBy(e => e.Digest))
            {
                var violation = Compare(start.Id, sent, acknowledged, item, excerpt);
                if (violation is not null)
                {
                    yield return violation;
                }
            }
        }
    }

    private static Violation? Compare(string name, byte[] sent, bool sourceEnded, SoakEvent stored, IReadOnlyList<SoakEvent> excerpt)
    {
        if (stored.Bytes > sent.Length || !Digests.Of(sent.AsSpan(0, (int)Math.Min(stored.Bytes, sent.Length))).Equals(stored.Digest, StringComparison.Ordinal))
        {
            return new Violation(ViolationKinds.ExtraBytes, name,
                $"{name} stored {stored.Bytes} bytes that are not {(sourceEnded ? "the" : "a prefix of the")} {sent.Length} bytes sent", excerpt);
        }

        // A cut source keeps a prefix: how long it is depends on what the silo confirmed before it died.
        return sourceEnded && stored.Bytes < sent.Length
            ? new Violation(ViolationKinds.LostBytes, name, $"{name} stored {stored.Bytes} of the {sent.Length} bytes its source sent and ended cleanly", excerpt)
            : null;
    }
}
