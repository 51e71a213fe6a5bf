using MediaOrleans.Interfaces;
using Orleans.Core.Internal;

namespace MediaOrleans.Tests.Grains;

/// <summary>
/// A recording grain deactivated while its source streams into this (live) silo, as Orleans
/// does when the silo holding the grain's directory entry dies, takes its source session over
/// on its next activation: the source's appends go on and no byte is lost.
/// </summary>
public sealed partial class RecordingGrainTests
{
    [Fact]
    public async Task AppendAsync_AfterTheGrainWasDeactivatedMidStream_ContinuesTheSameSession()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/reactivated-mid-stream");
        var (first, second) = (Chunk(300, 1), Chunk(200, 2));
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, first));

        await recording.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, second));
        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Receiving, status.State);
        Assert.Equal(500, status.Bytes);
        byte[] sent = [.. first.Data, .. second.Data];
        Assert.Equal(sent, (await recording.ReadAsync(0, 1000))!.Data);
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(Guid.NewGuid(), Chunk(10, 3)));

        var ended = await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);
        Assert.Equal(RecordingState.Complete, ended.State);
        Assert.Equal("closed", ended.StoppedReason);
        Assert.Equal(500, ended.Bytes);
    }
}
