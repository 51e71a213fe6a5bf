using MediaOrleans.Silo.Live;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Live;

public sealed class LiveMountTests
{
    private static readonly LiveStreamOptions Fast = new() { BurstMilliseconds = 144, QueueMilliseconds = 216, IdleSeconds = 1, TickMilliseconds = 5 };

    [Fact]
    public void Create_NoFrames_IsNull()
    {
        Assert.Null(LiveMount.Create("no frames here"u8.ToArray(), Fast));
    }

    [Fact]
    public async Task Join_GetsBurstOfWholeFramesThenRealTimeFrames()
    {
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(10), Fast)!;
        using var stop = new CancellationTokenSource();
        var run = mount.RunAsync(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5), TimeProvider.System, stop.Token);

        var listener = mount.Join()!;
        var frames = new List<ReadOnlyMemory<byte>>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (frames.Count < 6)
        {
            frames.Add(await listener.Frames.ReadAsync(enough.Token));
        }

        await stop.CancelAsync();
        await run;
        Assert.All(frames, frame => Assert.Equal(Mp3Builder.Mpeg25FrameBytes, frame.Length));
        Assert.All(frames, frame => Assert.Equal(0xFF, frame.Span[0]));
    }

    [Fact]
    public async Task ListenerThatNeverReads_IsDropped_WhileAReadingOneKeepsGettingFrames()
    {
        // A 1 s queue: long enough that a busy test machine never drops the reading listener.
        var options = new LiveStreamOptions { BurstMilliseconds = 144, QueueMilliseconds = 1000, IdleSeconds = 1, TickMilliseconds = 5 };
        var mount = LiveMount.Create(Mp3Builder.Mpeg25Frames(10), options)!;
        using var stop = new CancellationTokenSource();
        var run = mount.RunAsync(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5), TimeProvider.System, stop.Token);
        var stalled = mount.Join()!;
        var reader = mount.Join()!;

        // 30 frames of 72 ms: about 2.2 s of audio, well past the stalled listener's 1 s queue.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var received = 0; received < 30; received++)
        {
            await reader.Frames.ReadAsync(deadline.Token);
        }

        Assert.True(stalled.Dropped);
        Assert.False(reader.Dropped);
        Assert.Equal(1, mount.ListenerCount);
        await stop.CancelAsync();
        await run;
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
        // Both mounts slice one buffer, so a frame's offset in it says which frame it is.
        var mp3 = Mp3Builder.Mpeg25Frames(40);
        var early = LiveMount.Create(mp3, Fast)!;
        using var stop = new CancellationTokenSource();
        var runEarly = early.RunAsync(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5), TimeProvider.System, stop.Token);
        // Seven frames of 72 ms later: a mount that started from its own first frame would now be that far behind.
        await Task.Delay(500);
        var late = LiveMount.Create(mp3, Fast)!;
        var runLate = late.RunAsync(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5), TimeProvider.System, stop.Token);
        var (earlyListener, lateListener) = (early.Join()!, late.Join()!);

        // The newest frame each has sent after a while of running side by side: a busy machine
        // may delay one loop by a tick, but both keep to the same schedule.
        int newestEarly = -1, newestLate = -1;
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(10);
            while (earlyListener.Frames.TryRead(out var frame))
            {
                newestEarly = FrameIndex(frame);
            }

            while (lateListener.Frames.TryRead(out var frame))
            {
                newestLate = FrameIndex(frame);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(runEarly, runLate);
        var apart = Math.Min(((newestLate - newestEarly) % 40 + 40) % 40, ((newestEarly - newestLate) % 40 + 40) % 40);
        Assert.True(apart <= 2, $"the early mount is at frame {newestEarly}, the late one at frame {newestLate}");
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

    private static int FrameIndex(ReadOnlyMemory<byte> frame)
    {
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out var segment));
        return segment.Offset / Mp3Builder.Mpeg25FrameBytes;
    }
}
