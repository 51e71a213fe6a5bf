using MediaOrleans.Soak.Checking;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Tests.Soak;

/// <summary>
/// The checker finds each kind of violation in a history made to hold it, and none in a clean
/// one: one recording, one play, one bus request and steady samples, around one silo kill.
/// </summary>
public sealed class HistoryCheckerTests
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];
    private static readonly Dictionary<string, byte[]> Payloads = new() { ["tone"] = Payload };
    private static readonly CheckerSettings Settings = new(FailoverWindowSeconds: 3, MaxRssSlopeMbPerMinute: 2, MaxFdSlopePerMinute: 5, MinSeriesMinutes: 1);

    [Fact]
    public void A_clean_history_has_no_violation()
    {
        Assert.Empty(HistoryChecker.Check(Clean(), Payloads, Settings));
    }

    [Fact]
    public void A_stored_recording_missing_its_last_byte_is_lost_bytes()
    {
        var history = Replace(Clean(), e => e.Kind == OpKinds.Store && e.Type == EventTypes.End,
            e => e with { Bytes = 999, Digest = Digests.Of(Payload.AsSpan(0, 999)) });
        AssertOnly(history, ViolationKinds.LostBytes, "rec-1");
    }

    [Fact]
    public void A_stored_recording_with_one_byte_more_is_extra_bytes()
    {
        var history = Replace(Clean(), e => e.Kind == OpKinds.Store && e.Type == EventTypes.End,
            e => e with { Bytes = 1001, Digest = Digests.Of([.. Payload, 0]) });
        AssertOnly(history, ViolationKinds.ExtraBytes, "rec-1");
    }

    [Fact]
    public void A_stored_recording_with_one_byte_changed_is_extra_bytes()
    {
        var changed = Payload.ToArray();
        changed[500] ^= 1;
        var history = Replace(Clean(), e => e.Kind == OpKinds.Store && e.Type == EventTypes.End, e => e with { Digest = Digests.Of(changed) });
        AssertOnly(history, ViolationKinds.ExtraBytes, "rec-1");
    }

    [Fact]
    public void A_recording_stored_under_two_names_is_stored_twice()
    {
        var stored = Clean().Single(e => e.Kind == OpKinds.Store && e.Type == EventTypes.End);
        AssertOnly([.. Clean(), stored with { At = 30, Detail = "soak/rec-1-again" }], ViolationKinds.StoredTwice, "rec-1");
    }

    [Fact]
    public void A_recording_never_stored_is_reported()
    {
        AssertOnly([.. Clean().Where(e => e.Kind != OpKinds.Store)], ViolationKinds.NotStored, "rec-1");
    }

    [Fact]
    public void A_source_cut_with_no_fault_on_its_silo_is_reported_even_when_its_prefix_is_kept()
    {
        // rec-2 on silo 1, which the kill of silo 0 did not touch, is cut at 600 bytes.
        List<SoakEvent> history =
        [
            .. Clean(),
            new(1, EventTypes.Start, OpKinds.Record, "rec-2", Silo: 1, Detail: "tone"),
            new(12, EventTypes.End, OpKinds.Record, "rec-2", Silo: 1, Ok: false, Bytes: 600, Detail: "SIGPIPE"),
            new(13, EventTypes.End, OpKinds.Store, "rec-2", Silo: 1, Ok: true, Bytes: 600, Digest: Digests.Of(Payload.AsSpan(0, 600)), Detail: "soak/rec-2"),
        ];
        AssertOnly(history, ViolationKinds.SourceCut, "rec-2");
    }

    [Fact]
    public void A_source_cut_by_a_kill_of_its_silo_may_keep_a_prefix_but_not_other_bytes()
    {
        List<SoakEvent> prefix =
        [
            .. Clean(),
            new(1, EventTypes.Start, OpKinds.Record, "rec-3", Silo: 0, Detail: "tone"),
            new(10.5, EventTypes.End, OpKinds.Record, "rec-3", Silo: 0, Ok: false, Bytes: 800, Detail: "SIGPIPE"),
            new(20, EventTypes.End, OpKinds.Store, "rec-3", Silo: 1, Ok: true, Bytes: 700, Digest: Digests.Of(Payload.AsSpan(0, 700)), Detail: "soak/rec-3"),
        ];
        Assert.Empty(HistoryChecker.Check(prefix, Payloads, Settings));

        var notPrefix = Replace(prefix, e => e.Id == "rec-3" && e.Kind == OpKinds.Store, e => e with { Digest = Digests.Of(Payload.AsSpan(1, 700)) });
        AssertOnly(notPrefix, ViolationKinds.ExtraBytes, "rec-3");
    }

    [Fact]
    public void A_source_that_ended_cleanly_while_its_silo_was_killed_may_keep_a_prefix_and_on_an_untouched_silo_may_not()
    {
        // libshout can finish writing into the socket of a silo already killed: no acknowledgement.
        List<SoakEvent> killed =
        [
            .. Clean(),
            new(9, EventTypes.Start, OpKinds.Record, "rec-4", Silo: 0, Detail: "tone"),
            new(11, EventTypes.End, OpKinds.Record, "rec-4", Silo: 0, Ok: true, Bytes: 1000),
            new(20, EventTypes.End, OpKinds.Store, "rec-4", Silo: 1, Ok: true, Bytes: 900, Digest: Digests.Of(Payload.AsSpan(0, 900)), Detail: "soak/rec-4"),
        ];
        Assert.Empty(HistoryChecker.Check(killed, Payloads, Settings));

        var untouched = Replace(killed, e => e.Id == "rec-4", e => e with { Silo = 2 });
        AssertOnly(untouched, ViolationKinds.LostBytes, "rec-4");
    }

    [Fact]
    public void A_play_returning_other_bytes_is_wrong_bytes()
    {
        var history = Replace(Clean(), e => e.Kind == OpKinds.PlayWav && e.Type == EventTypes.End, e => e with { Digest = Digests.Of([1, 2, 3]) });
        AssertOnly(history, ViolationKinds.WrongBytes, "play-1");
    }

    [Fact]
    public void A_failed_play_inside_the_failover_window_is_excused_and_outside_it_is_not()
    {
        // The kill of silo 0 runs from 10 s to 14 s; the window ends 3 s later, at 17 s.
        List<SoakEvent> inside =
        [
            .. Clean(),
            new(16, EventTypes.Start, OpKinds.PlayMp3, "play-2", Silo: 1),
            new(16.5, EventTypes.End, OpKinds.PlayMp3, "play-2", Silo: 1, Ok: false, Detail: "timeout"),
        ];
        Assert.Empty(HistoryChecker.Check(inside, Payloads, Settings));

        var outside = Replace(inside, e => e.Id == "play-2", e => e with { At = e.At + 2 });
        AssertOnly(outside, ViolationKinds.ErrorOutsideWindow, "play-2");
    }

    [Fact]
    public void A_bus_request_answered_twice_is_reported()
    {
        var reply = Clean().Single(e => e.Type == EventTypes.Reply);
        AssertOnly([.. Clean(), reply with { At = reply.At + 0.1 }], ViolationKinds.AnsweredTwice, "msg-1");
    }

    [Fact]
    public void A_bus_request_never_answered_outside_a_fault_is_reported()
    {
        AssertOnly([.. Clean().Where(e => e.Type != EventTypes.Reply)], ViolationKinds.NeverAnswered, "msg-1");
    }

    [Fact]
    public void A_bus_request_lost_during_a_broker_restart_is_excused()
    {
        List<SoakEvent> history =
        [
            .. Clean(),
            new(40, EventTypes.FaultStart, FaultKinds.BrokerRestart, "fault-2"),
            new(40.5, EventTypes.Start, OpKinds.BusRecord, "msg-2"),
            new(45.5, EventTypes.End, OpKinds.BusRecord, "msg-2", Ok: false, Detail: "no reply in 5 s"),
            new(48, EventTypes.FaultEnd, FaultKinds.BrokerRestart, "fault-2"),
        ];
        Assert.Empty(HistoryChecker.Check(history, Payloads, Settings));
    }

    [Fact]
    public void Memory_that_keeps_growing_is_reported()
    {
        var history = Replace(Clean(), e => e.Type == EventTypes.Sample, e => e with { Rss = e.Rss + (long)(e.At * 100_000) });
        AssertOnly(history, ViolationKinds.MemoryGrowth, "silo 2 (pid 4242)");
    }

    [Fact]
    public void Descriptors_that_keep_growing_are_reported()
    {
        var history = Replace(Clean(), e => e.Type == EventTypes.Sample, e => e with { Fds = e.Fds + (int)e.At });
        AssertOnly(history, ViolationKinds.FdLeak, "silo 2 (pid 4242)");
    }

    [Fact]
    public void A_full_spool_disk_excuses_a_cut_source_on_any_silo_but_not_a_wrong_byte()
    {
        // The disk-full fault carries silo -1: the spool every silo writes to is full.
        List<SoakEvent> cut =
        [
            .. Clean(),
            new(30, EventTypes.Start, OpKinds.Record, "rec-5", Silo: 2, Detail: "tone"),
            new(31, EventTypes.FaultStart, FaultKinds.DiskFull, "fault-2"),
            new(33, EventTypes.End, OpKinds.Record, "rec-5", Silo: 2, Ok: false, Bytes: 500, Detail: "Socket error"),
            new(34, EventTypes.FaultEnd, FaultKinds.DiskFull, "fault-2"),
            new(40, EventTypes.End, OpKinds.Store, "rec-5", Silo: 1, Ok: true, Bytes: 300, Digest: Digests.Of(Payload.AsSpan(0, 300)), Detail: "soak/rec-5"),
        ];
        Assert.Empty(HistoryChecker.Check(cut, Payloads, Settings));

        var wrong = Replace(cut, e => e.Id == "rec-5" && e.Kind == OpKinds.Store, e => e with { Digest = Digests.Of(Payload.AsSpan(1, 300)) });
        AssertOnly(wrong, ViolationKinds.ExtraBytes, "rec-5");
    }

    [Fact]
    public void A_store_outage_does_not_excuse_a_cut_source()
    {
        // Sources stream into the silo's spool, not the store: an outage of the store must not cut them.
        List<SoakEvent> history =
        [
            .. Clean(),
            new(30, EventTypes.Start, OpKinds.Record, "rec-6", Silo: 2, Detail: "tone"),
            new(31, EventTypes.FaultStart, FaultKinds.StoreOutage, "fault-2"),
            new(33, EventTypes.End, OpKinds.Record, "rec-6", Silo: 2, Ok: false, Bytes: 500, Detail: "Socket error"),
            new(50, EventTypes.FaultEnd, FaultKinds.StoreOutage, "fault-2"),
            new(55, EventTypes.End, OpKinds.Store, "rec-6", Silo: 1, Ok: true, Bytes: 500, Digest: Digests.Of(Payload.AsSpan(0, 500)), Detail: "soak/rec-6"),
        ];
        AssertOnly(history, ViolationKinds.SourceCut, "rec-6");
    }

    [Fact]
    public void A_source_that_never_connected_owes_nothing_but_one_that_sent_bytes_is_still_owed_its_store()
    {
        // rec-7's source could not connect to its killed silo: no byte sent, nothing to store.
        List<SoakEvent> history =
        [
            .. Clean(),
            new(10.2, EventTypes.Start, OpKinds.Record, "rec-7", Silo: 0, Detail: "tone"),
            new(10.4, EventTypes.End, OpKinds.Record, "rec-7", Silo: 0, Ok: false, Bytes: 0, Detail: "shout_open failed"),
            new(130, EventTypes.End, OpKinds.Store, "rec-7", Ok: false, Detail: "not stored within 00:02:00: 409 conflict"),
        ];
        Assert.Empty(HistoryChecker.Check(history, Payloads, Settings));

        var sent = Replace(history, e => e.Id == "rec-7" && e.Kind == OpKinds.Record && e.Type == EventTypes.End, e => e with { Bytes = 100 });
        AssertOnly(sent, ViolationKinds.NotStored, "rec-7");
    }

    [Fact]
    public void A_source_that_ended_while_its_silo_was_paused_is_acknowledged_only_if_the_silo_then_read_it_all()
    {
        // rec-8's source ended while silo 2 was stopped; the silo read the rest after SIGCONT, when
        // the spool's disk was full: what it kept is a prefix, and nothing was acknowledged.
        List<SoakEvent> history =
        [
            .. Clean(),
            new(30, EventTypes.Start, OpKinds.Record, "rec-8", Silo: 2, Detail: "tone"),
            new(35, EventTypes.FaultStart, FaultKinds.Pause, "fault-2", Silo: 2),
            new(36, EventTypes.End, OpKinds.Record, "rec-8", Silo: 2, Ok: true, Bytes: 1000),
            new(40, EventTypes.FaultStart, FaultKinds.DiskFull, "fault-3"),
            new(42, EventTypes.FaultEnd, FaultKinds.DiskFull, "fault-3"),
            new(44, EventTypes.FaultEnd, FaultKinds.Pause, "fault-2", Silo: 2),
            new(50, EventTypes.End, OpKinds.Store, "rec-8", Silo: 1, Ok: true, Bytes: 800, Digest: Digests.Of(Payload.AsSpan(0, 800)), Detail: "soak/rec-8"),
        ];
        Assert.Empty(HistoryChecker.Check(history, Payloads, Settings));

        // Without the pause the silo had read the bytes (within the 3 s window) before the disk filled: a lost byte.
        var running = history.Where(e => e.Id != "fault-2").ToList();
        AssertOnly(running, ViolationKinds.LostBytes, "rec-8");
    }

    [Fact]
    public void A_history_survives_its_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var log = new HistoryLog(path))
            {
                foreach (var e in Clean())
                {
                    log.Add(_ => e);
                }
            }

            Assert.Equal(Clean(), HistoryLog.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertOnly(IReadOnlyList<SoakEvent> history, string kind, string subject)
    {
        var violation = Assert.Single(HistoryChecker.Check(history, Payloads, Settings));
        Assert.Equal(kind, violation.Kind);
        Assert.Equal(subject, violation.Subject);
        Assert.NotEmpty(violation.Excerpt);
    }

    private static List<SoakEvent> Replace(IEnumerable<SoakEvent> history, Func<SoakEvent, bool> which, Func<SoakEvent, SoakEvent> change) =>
        [.. history.Select(e => which(e) ? change(e) : e)];

    private static List<SoakEvent> Clean()
    {
        var digest = Digests.Of(Payload);
        List<SoakEvent> history =
        [
            new(1, EventTypes.Start, OpKinds.Record, "rec-1", Silo: 1, Detail: "tone"),
            new(10, EventTypes.FaultStart, FaultKinds.Kill, "fault-1", Silo: 0),
            new(11, EventTypes.End, OpKinds.Record, "rec-1", Silo: 1, Ok: true, Bytes: 1000),
            new(12, EventTypes.End, OpKinds.Store, "rec-1", Silo: 2, Ok: true, Bytes: 1000, Digest: digest, Detail: "soak/rec-1"),
            new(14, EventTypes.FaultEnd, FaultKinds.Kill, "fault-1", Silo: 0),
            new(25, EventTypes.Start, OpKinds.PlayWav, "play-1", Silo: 2),
            new(25.2, EventTypes.End, OpKinds.PlayWav, "play-1", Silo: 2, Ok: true, Bytes: 1000, Digest: digest, Expected: digest),
            new(26, EventTypes.Start, OpKinds.BusMedia, "msg-1"),
            new(26.1, EventTypes.Reply, OpKinds.BusMedia, "msg-1", Silo: 1),
            new(26.1, EventTypes.End, OpKinds.BusMedia, "msg-1", Ok: true),
        ];

        // A steady silo: 40 samples, memory and descriptors flat but for noise.
        history.AddRange(Enumerable.Range(0, 40).Select(i =>
            new SoakEvent(i * 2, EventTypes.Sample, "sample", "silo-2", Silo: 2, Pid: 4242, Rss: 200_000_000 + (i % 3) * 10_000, Fds: 150 + (i % 2))));
        return history;
    }
}
