using MediaOrleans.Silo.Live;
using MediaOrleans.Tests.Audio;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Live;

/// <summary>
/// A continuous stream's mount on a fake clock: the tests move time themselves, so the burst,
/// the pacing and the schedule are checked exactly, however busy the machine is.
/// </summary>
public sealed class LiveMountTests
{
    // MPEG-2.5 Layer III at 8 kHz: 576 samples, 72 ms a frame.
    private const int FrameMs = 72;
    private const int ItemFrames = 10;
    // A start on a frame boundary of the schedule: frame 1000 since the epoch, item frame 0.
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(FrameMs * 1000L);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);
    // A burst of two frames (144 ms) and a queue of three.
    private static readonly LiveStreamOptions Fast = new() { BurstMilliseconds = 144, QueueMilliseconds = 216, IdleSeconds = 1, TickMilliseconds = 5 };
    // Real time given to the mount's loop to act on a tick of the fake clock (it runs on the
    // thread pool); only bounds the wait for a frame that is due.
    private static readonly TimeSpan FrameWait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Create_NoFrames_IsNull()
    {
        Assert.Null(LiveMount.Create("no frames here"u8.ToArray(), Fast));
    }

    [Fact]
    public async Task Join_GetsABurstOfTheFramesJustPlayed_ThenEachFrameOnceItIsDue()
    {
        var time = new FakeTimeProvider(Start);
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(ItemFrames), Fast)!;
        using var stop = new CancellationTokenSource();
        var run = mount.RunAsync(Tick, TimeSpan.FromSeconds(5), time, stop.Token);

        var listener = mount.Join()!;

        // The burst, at once: whole frames, the two before the one now playing (1000 = item frame 0).
        var burst = Drain(listener);
        Assert.Equal(new[] { 8, 9 }, burst.Select(FrameIndex));
        Assert.All(burst, frame => Assert.Equal(Mp3Builder.Mpeg25FrameBytes, frame.Length));
        Assert.All(burst, frame => Assert.Equal(0xFF, frame.Span[0]));

        // Nothing more while the current frame plays...
        time.Advance(TimeSpan.FromMilliseconds(FrameMs - 1));
        await AssertNoFrameAsync(listener);

        // ...then one frame each time one has played, in order, never ahead of the clock (the
        // loop looks at the clock on its 5 ms ticks, so the next tick sends the frame due).
        time.Advance(Tick);
        Assert.Equal(0, FrameIndex(await ReadAsync(listener)));
        for (var frame = 1; frame <= 2 * ItemFrames; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(FrameMs));
            Assert.Equal(frame % ItemFrames, FrameIndex(await ReadAsync(listener)));
        }

        await AssertNoFrameAsync(listener);
        Assert.False(listener.Dropped);
        await stop.CancelAsync();
        await run.WaitAsync(FrameWait);
    }

    [Fact]
    public async Task ListenerThatNeverReads_IsDropped_WhileAReadingOneKeepsGettingFrames()
    {
        var time = new FakeTimeProvider(Start);
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(ItemFrames), Fast)!;
        using var stop = new CancellationTokenSource();
        var run = mount.RunAsync(Tick, TimeSpan.FromSeconds(5), time, stop.Token);
        var stalled = mount.Join()!;
        var reader = mount.Join()!;
        Drain(reader);

        // The stalled listener's queue holds three frames and has the burst's two: the second
        // frame after them finds it full. The reader takes every frame as it comes.
        for (var frame = 0; frame < 4; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(FrameMs));
            Assert.Equal(frame, FrameIndex(await ReadAsync(reader)));
        }

        Assert.True(stalled.Dropped);
        Assert.False(reader.Dropped);
        Assert.Equal(1, mount.ListenerCount);
        await stop.CancelAsync();
        await run.WaitAsync(FrameWait);
    }

    [Fact]
    public async Task MountWithoutListeners_StopsAfterIdle_AndRefusesJoins()
    {
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(10), Fast)!;

        await mount.RunAsync(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(mount.Join());
    }

    [Fact]
    public async Task MountsStartedAtDifferentTimes_PlayTheSameFrameAtTheSameMoment()
    {
        var time = new FakeTimeProvider(Start);
        var mp3 = Mp3Builder.Mpeg25Frames(ItemFrames);
        using var stop = new CancellationTokenSource();
        var early = LiveMount.Create(mp3, Fast)!;
        var runEarly = early.RunAsync(Tick, TimeSpan.FromSeconds(5), time, stop.Token);
        var earlyListener = early.Join()!;
        Drain(earlyListener);
        for (var frame = 0; frame < 7; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(FrameMs));
            await ReadAsync(earlyListener);
        }

        // 534 ms after the first: 30 ms into frame 1007. A mount that started from its own first
        // frame would now be seven frames behind, and one started at a frame boundary 30 ms behind.
        time.Advance(TimeSpan.FromMilliseconds(30));
        var late = LiveMount.Create(mp3, Fast)!;
        var runLate = late.RunAsync(Tick, TimeSpan.FromSeconds(5), time, stop.Token);
        var lateListener = late.Join()!;
        Assert.Equal(new[] { 5, 6 }, Drain(lateListener).Select(FrameIndex));

        for (var frame = 7; frame < 7 + (2 * ItemFrames); frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(FrameMs));
            var (fromEarly, fromLate) = (FrameIndex(await ReadAsync(earlyListener)), FrameIndex(await ReadAsync(lateListener)));
            Assert.Equal((frame % ItemFrames, frame % ItemFrames), (fromEarly, fromLate));
        }

        await stop.CancelAsync();
        await Task.WhenAll(runEarly, runLate).WaitAsync(FrameWait);
    }

    [Fact]
    public void Schedule_CountsFramesFromTheEpoch_AndLoopsOverTheItem()
    {
        var schedule = new LiveSchedule(72, 10);
        var (frame, into) = schedule.At(DateTimeOffset.FromUnixTimeMilliseconds((72 * 1234) + 5));

        Assert.Equal(1234, frame);
        Assert.Equal(5, into, 6);
        Assert.Equal(4, schedule.IndexOf(1234));
        Assert.Equal(9, schedule.IndexOf(-1));
    }

    // The frames queued for the listener now.
    [Fact]
    public async Task Join_WhileThePacingLoopIsLate_GetsTheBurstEndingAtTheDueFrame_NotMore()
    {
        var time = new FakeTimeProvider(Start);
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(ItemFrames), Fast)!;
        using var stop = new CancellationTokenSource();
        var run = mount.RunAsync(Tick, TimeSpan.FromSeconds(5), time, stop.Token);
        var first = mount.Join()!;

        // A frame comes due while the loop is held up: a listener joining now, before or after the
        // loop has caught up, gets the two frames before the due one, as one joining on time would,
        // never the burst and the owed frame on top of it.
        time.Advance(TimeSpan.FromMilliseconds(FrameMs));
        var late = mount.Join()!;

        Assert.Equal(9, FrameIndex(await ReadAsync(late)));
        Assert.Equal(0, FrameIndex(await ReadAsync(late)));
        await AssertNoFrameAsync(late);
        Assert.Equal(new[] { 8, 9, 0 }, Drain(first).Select(FrameIndex));
        await stop.CancelAsync();
        await run.WaitAsync(FrameWait);
    }

    private static List<ReadOnlyMemory<byte>> Drain(LiveListener listener)
    {
        var frames = new List<ReadOnlyMemory<byte>>();
        while (listener.Frames.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(LiveListener listener)
    {
        using var deadline = new CancellationTokenSource(FrameWait);
        return await listener.Frames.ReadAsync(deadline.Token);
    }

    // The loop acts on the fake clock's ticks on the thread pool: give it a moment of real time
    // to send a frame it should not. A slow machine can only hide an early frame here, never
    // invent one, and the exact frame-by-frame reads around this check catch a stream that runs
    // ahead even then.
    private static async Task AssertNoFrameAsync(LiveListener listener)
    {
        for (var poll = 0; poll < 20; poll++)
        {
            if (listener.Frames.TryRead(out var frame))
            {
                Assert.Fail($"item frame {FrameIndex(frame)} came before it was due");
            }

            await Task.Delay(10);
        }
    }

    private static int FrameIndex(ReadOnlyMemory<byte> frame)
    {
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out var segment));
        return segment.Offset / Mp3Builder.Mpeg25FrameBytes;
    }
}
