using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage;

namespace MediaOrleans.Tests.Grains;

/// <summary>
/// A full spool disk ends a source as <c>spool-failed</c> with exactly the bytes confirmed before
/// it, refuses new sources and allocations cleanly, and a record the disk refused is saved once
/// there is room again, so no recording stays receiving.
/// </summary>
public sealed partial class RecordingGrainTests
{
    [Fact]
    public async Task AppendAsync_DiskFillsMidChunk_StopsAsSpoolFailedKeepingExactlyTheConfirmedBytes()
    {
        const string name = "calls/full-mid-chunk";
        var (recording, _, admission) = await ReceivingAsync(name);
        var (first, second) = (Chunk(300, 1), Chunk(500, 2));
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, first));
        fixture.Disk.Fill(name, roomBytes: 120);

        Assert.Equal(AppendResult.SpoolFailed, await recording.AppendAsync(admission.Session, second));

        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("spool-failed", status.StoppedReason);
        Assert.Equal(300, status.Bytes);
        Assert.Equal(first.Data, (await recording.ReadAsync(0, 10_000))!.Data);
        // The 120 bytes of the second chunk that the disk took before it failed are cut away.
        Assert.Equal(300, new FileRecordingSpool(fixture.RecordingsRoot).GetLength(name));
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(admission.Session, Chunk(10, 3)));
        fixture.Disk.Free(name);
    }

    [Fact]
    public async Task EndSourceAsync_RecordCannotBeSaved_CompleteNowAndSavedOnceTheDiskHasRoom()
    {
        const string name = "calls/full-record";
        var (recording, _, admission) = await ReceivingAsync(name);
        var sent = Chunk(200, 1);
        await recording.AppendAsync(admission.Session, sent);
        fixture.Disk.Fill(name, roomBytes: 0);

        var ended = await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);

        Assert.Equal(RecordingState.Complete, ended.State);
        Assert.Equal("closed", ended.StoppedReason);
        Assert.Equal(RecordingState.Complete, (await recording.GetStatusAsync()).State);
        Assert.Equal(RecordingState.Receiving, (await SavedAsync(name))!.State);

        fixture.Disk.Free(name);
        var looked = await recording.GetStatusAsync();

        var saved = await SavedAsync(name);
        Assert.Equal(RecordingState.Complete, saved!.State);
        Assert.Equal("closed", saved.StoppedReason);
        Assert.Null(saved.SourceId);
        Assert.Equal(200, looked.Bytes);
        Assert.Equal(sent.Data, (await recording.ReadAsync(0, 1000))!.Data);
    }

    [Fact]
    public async Task AppendAsync_DiskFullForBytesAndRecord_CompleteAsSpoolFailedOnceTheDiskHasRoom()
    {
        const string name = "calls/full-both";
        var (recording, _, admission) = await ReceivingAsync(name);
        await recording.AppendAsync(admission.Session, Chunk(100, 1));
        fixture.Disk.Fill(name, roomBytes: 0);
        Assert.Equal(AppendResult.SpoolFailed, await recording.AppendAsync(admission.Session, Chunk(100, 2)));
        Assert.Equal(RecordingState.Receiving, (await SavedAsync(name))!.State);

        fixture.Disk.Free(name);
        await recording.GetStatusAsync();

        var saved = await SavedAsync(name);
        Assert.Equal(RecordingState.Complete, saved!.State);
        Assert.Equal("spool-failed", saved.StoppedReason);
        Assert.Equal(100, new FileRecordingSpool(fixture.RecordingsRoot).GetLength(name));
    }

    [Fact]
    public async Task BeginSourceAsync_DiskFull_UnavailableAndStaysAllocatedUntilThereIsRoom()
    {
        const string name = "calls/full-begin";
        var recording = Recording(name);
        var allocation = await recording.AllocateAsync(new RecordingRequest(30));
        fixture.Disk.Fill(name, roomBytes: 0);

        var refused = await recording.BeginSourceAsync(allocation.User, allocation.Password);

        Assert.Equal(SourceAdmissionResult.Unavailable, refused.Result);
        Assert.Equal(RecordingState.Allocated, (await recording.GetStatusAsync()).State);
        fixture.Disk.Free(name);
        var admitted = await recording.BeginSourceAsync(allocation.User, allocation.Password);
        Assert.Equal(SourceAdmissionResult.Accepted, admitted.Result);
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admitted.Session, Chunk(50, 1)));
        Assert.Equal(50, (await recording.EndSourceAsync(admitted.Session, SourceEnd.Closed)).Bytes);
    }

    [Fact]
    public async Task AllocateAsync_DiskFull_ThrowsStoreUnavailableAndAllocatesOnceThereIsRoom()
    {
        const string name = "calls/full-allocate";
        var recording = Recording(name);
        fixture.Disk.Fill(name, roomBytes: 0);

        await Assert.ThrowsAsync<MediaStoreUnavailableException>(() => recording.AllocateAsync(new RecordingRequest(30)));

        Assert.Equal(RecordingState.Unknown, (await recording.GetStatusAsync()).State);
        fixture.Disk.Free(name);
        Assert.Equal(30, (await recording.AllocateAsync(new RecordingRequest(30))).MaxSeconds);
    }

    private Task<RecordingRecord?> SavedAsync(string name) => new FileRecordingSpool(fixture.RecordingsRoot).LoadAsync(name);
}
