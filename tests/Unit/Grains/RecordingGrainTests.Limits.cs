using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

public sealed partial class RecordingGrainTests
{
    [Fact]
    public async Task SourceSilentPastSourceLostSeconds_EndsTheRecording_KeepingEveryByte()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/source-lost", GrainClusterFixture.MaxSeconds);
        await recording.AppendAsync(admission.Session, Chunk(300, 1));

        fixture.Time.Advance(TimeSpan.FromSeconds(GrainClusterFixture.SourceLostSeconds));
        Assert.Equal(RecordingState.Receiving, (await recording.GetStatusAsync()).State);

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var status = await recording.GetStatusAsync();

        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("source-lost", status.StoppedReason);
        Assert.Equal(300, status.Bytes);
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(admission.Session, Chunk(10, 2)));
    }

    [Fact]
    public async Task AppendAsync_PastMaxBytes_KeepsExactlyMaxBytesAndLimitReached()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/limit-bytes");
        var first = Chunk((int)GrainClusterFixture.MaxBytes - 100, 1);
        var second = Chunk(250, 2);

        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, first));
        Assert.Equal(AppendResult.LimitReached, await recording.AppendAsync(admission.Session, second));

        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("max-bytes", status.StoppedReason);
        Assert.Equal(GrainClusterFixture.MaxBytes, status.Bytes);
        var kept = await recording.ReadAsync(0, 2 * (int)GrainClusterFixture.MaxBytes);
        Assert.Equal([.. first.Data, .. second.Data[..100]], kept!.Data);
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(admission.Session, Chunk(10, 3)));
    }

    [Fact]
    public async Task AppendAsync_FillingMaxBytesExactly_LimitReached()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/limit-bytes-exact");

        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, Chunk((int)GrainClusterFixture.MaxBytes - 1, 1)));
        Assert.Equal(AppendResult.LimitReached, await recording.AppendAsync(admission.Session, Chunk(1, 2)));

        var status = await recording.GetStatusAsync();
        Assert.Equal(GrainClusterFixture.MaxBytes, status.Bytes);
        Assert.Equal("max-bytes", status.StoppedReason);
    }

    [Fact]
    public async Task AppendAsync_PastMaxSecondsPlusGrace_LimitReached()
    {
        const int maxSeconds = 20;
        var (recording, _, admission) = await ReceivingAsync("calls/limit-seconds", maxSeconds);
        await recording.AppendAsync(admission.Session, Chunk(100, 1));

        // Up to the end of the grace period the source may go on.
        fixture.Time.Advance(TimeSpan.FromSeconds(maxSeconds + GrainClusterFixture.GraceSeconds));
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, Chunk(100, 2)));

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AppendResult.LimitReached, await recording.AppendAsync(admission.Session, Chunk(100, 3)));

        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("max-seconds", status.StoppedReason);
        Assert.Equal(200, status.Bytes);
        Assert.Equal(fixture.Time.GetUtcNow(), status.EndedAt);
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(admission.Session, Chunk(10, 4)));
    }

    [Fact]
    public async Task AppendAsync_AudioPastMaxSeconds_LimitReachedWithAudioDuration()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/limit-audio-seconds", 1);

        // 10 MPEG-2.5 frames are 720 ms of audio; 5 more make 1,080 ms, past the 1 s limit.
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, new RecordingChunk(Audio.Mp3Builder.Mpeg25Frames(10))));
        Assert.Equal(720, (await recording.GetStatusAsync()).DurationMs);
        Assert.Equal(AppendResult.LimitReached, await recording.AppendAsync(admission.Session, new RecordingChunk(Audio.Mp3Builder.Mpeg25Frames(5))));

        var status = await recording.GetStatusAsync();
        Assert.Equal("max-seconds", status.StoppedReason);
        Assert.Equal(1080, status.DurationMs);
    }
}
