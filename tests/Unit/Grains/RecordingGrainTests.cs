using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

public sealed partial class RecordingGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private IRecordingGrain Recording(string name) => fixture.Client.GetGrain<IRecordingGrain>(name);

    [Fact]
    public async Task AllocateAsync_NewNames_ReturnDistinctSafeCredentials()
    {
        var allocations = new List<RecordingAllocation>();
        for (var i = 0; i < 4; i++)
        {
            allocations.Add(await Recording($"calls/allocate-{i}").AllocateAsync(new RecordingRequest(30)));
        }

        Assert.All(allocations, a =>
        {
            Assert.Equal(30, a.MaxSeconds);
            Assert.NotEmpty(a.User);
            Assert.NotEmpty(a.Password);
            Assert.DoesNotContain(':', a.User + a.Password);
            Assert.DoesNotContain('@', a.User + a.Password);
        });
        Assert.Equal(allocations.Count, allocations.Select(a => a.User).Distinct().Count());
        Assert.Equal(allocations.Count, allocations.Select(a => a.Password).Distinct().Count());
        Assert.Equal("calls/allocate-2", allocations[2].Name);
        var status = await Recording("calls/allocate-0").GetStatusAsync();
        Assert.Equal(RecordingState.Allocated, status.State);
        Assert.Equal(30, status.MaxSeconds);
    }

    [Fact]
    public async Task AllocateAsync_SameNameTwice_ThrowsConflict()
    {
        var recording = Recording("calls/allocate-twice");
        var first = await recording.AllocateAsync(new RecordingRequest(30));

        await RejectionAssert.ThrowsAsync(MediaRejection.Conflict, () => recording.AllocateAsync(new RecordingRequest(30)));

        // The first credentials still admit the source.
        Assert.Equal(SourceAdmissionResult.Accepted, (await recording.BeginSourceAsync(first.User, first.Password)).Result);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(GrainClusterFixture.MaxSeconds + 1)]
    public async Task AllocateAsync_MaxSecondsOutOfRange_ThrowsInvalidRequest(int maxSeconds)
    {
        var recording = Recording($"calls/allocate-range-{maxSeconds}");

        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidRequest, () => recording.AllocateAsync(new RecordingRequest(maxSeconds)));

        Assert.Equal(RecordingState.Unknown, (await recording.GetStatusAsync()).State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(GrainClusterFixture.MaxSeconds)]
    public async Task AllocateAsync_MaxSecondsAtBounds_Allocates(int maxSeconds)
    {
        var allocation = await Recording($"calls/allocate-bound-{maxSeconds}").AllocateAsync(new RecordingRequest(maxSeconds));

        Assert.Equal(maxSeconds, allocation.MaxSeconds);
    }

    [Fact]
    public async Task AllocateAsync_InvalidName_ThrowsInvalidName()
    {
        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidName,
            () => Recording("calls/../escape").AllocateAsync(new RecordingRequest(30)));
    }

    [Fact]
    public async Task BeginSourceAsync_WrongUserOrPassword_Unauthorized()
    {
        var recording = Recording("calls/begin-wrong");
        var allocation = await recording.AllocateAsync(new RecordingRequest(30));

        Assert.Equal(SourceAdmissionResult.Unauthorized, (await recording.BeginSourceAsync(allocation.User + "x", allocation.Password)).Result);
        Assert.Equal(SourceAdmissionResult.Unauthorized, (await recording.BeginSourceAsync(allocation.User, allocation.Password[..^1])).Result);
        Assert.Equal(SourceAdmissionResult.Unauthorized, (await recording.BeginSourceAsync(allocation.Password, allocation.User)).Result);
        Assert.Equal(SourceAdmissionResult.Unauthorized, (await Recording("calls/begin-unknown").BeginSourceAsync(allocation.User, allocation.Password)).Result);
        Assert.Equal(RecordingState.Allocated, (await recording.GetStatusAsync()).State);
    }

    [Fact]
    public async Task BeginSourceAsync_RightCredentials_AcceptedAndReceiving()
    {
        var recording = Recording("calls/begin-right");
        var allocation = await recording.AllocateAsync(new RecordingRequest(45));

        var admission = await recording.BeginSourceAsync(allocation.User, allocation.Password);

        Assert.Equal(SourceAdmissionResult.Accepted, admission.Result);
        Assert.NotEqual(Guid.Empty, admission.Session);
        Assert.Equal(45, admission.MaxSeconds);
        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Receiving, status.State);
        Assert.Equal(fixture.Time.GetUtcNow(), status.StartedAt);
        Assert.Equal(0, status.Bytes);
    }

    [Fact]
    public async Task BeginSourceAsync_WhileReceiving_Busy()
    {
        var (recording, allocation, first) = await ReceivingAsync("calls/begin-busy");

        var second = await recording.BeginSourceAsync(allocation.User, allocation.Password);

        Assert.Equal(SourceAdmissionResult.Busy, second.Result);
        Assert.Equal(Guid.Empty, second.Session);
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(first.Session, Chunk(10, 1)));
    }

    [Fact]
    public async Task AppendAsync_WrongSession_NotAdmitted()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/append-wrong-session");
        await recording.AppendAsync(admission.Session, Chunk(100, 1));

        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(Guid.NewGuid(), Chunk(50, 2)));
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(Guid.Empty, Chunk(50, 3)));

        Assert.Equal(100, (await recording.GetStatusAsync()).Bytes);
    }

    [Fact]
    public async Task AppendAsync_Chunks_ReadableInOrderAndCounted()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/append-in-order");
        byte[][] chunks = [Chunk(300, 1).Data, Chunk(1, 2).Data, Chunk(700, 3).Data];

        foreach (var chunk in chunks)
        {
            Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, new RecordingChunk(chunk)));
        }

        byte[] expected = [.. chunks.SelectMany(c => c)];
        Assert.Equal(expected.Length, (await recording.GetStatusAsync()).Bytes);
        var all = await recording.ReadAsync(0, 10_000);
        Assert.Equal(expected, all!.Data);
        Assert.Equal(expected.Length, all.TotalLength);
        var slice = await recording.ReadAsync(299, 3);
        Assert.Equal(expected[299..302], slice!.Data);
        Assert.Empty((await recording.ReadAsync(expected.Length, 10))!.Data);
    }

    [Fact]
    public async Task ReadAsync_UnknownRecording_ReturnsNull()
    {
        Assert.Null(await Recording("calls/read-unknown").ReadAsync(0, 10));
    }

    [Fact]
    public async Task EndSourceAsync_Receiving_CompleteClosedAndNoNewSource()
    {
        var (recording, allocation, admission) = await ReceivingAsync("calls/end-closed");
        await recording.AppendAsync(admission.Session, Chunk(500, 1));

        var ended = await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);

        Assert.Equal(RecordingState.Complete, ended.State);
        Assert.Equal("closed", ended.StoppedReason);
        Assert.Equal(500, ended.Bytes);
        Assert.Equal(fixture.Time.GetUtcNow(), ended.EndedAt);
        Assert.Equal(ended, await recording.GetStatusAsync());
        Assert.Equal(SourceAdmissionResult.Busy, (await recording.BeginSourceAsync(allocation.User, allocation.Password)).Result);
        Assert.Equal(AppendResult.NotAdmitted, await recording.AppendAsync(admission.Session, Chunk(10, 2)));
        Assert.Equal(500, (await recording.GetStatusAsync()).Bytes);
    }

    [Fact]
    public async Task EndSourceAsync_WrongSession_KeepsReceiving()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/end-wrong-session");

        var status = await recording.EndSourceAsync(Guid.NewGuid(), SourceEnd.Closed);

        Assert.Equal(RecordingState.Receiving, status.State);
        Assert.Equal(AppendResult.Continue, await recording.AppendAsync(admission.Session, Chunk(10, 1)));
    }

    private async Task<(IRecordingGrain Recording, RecordingAllocation Allocation, SourceAdmission Admission)> ReceivingAsync(
        string name, int maxSeconds = 30)
    {
        var recording = Recording(name);
        var allocation = await recording.AllocateAsync(new RecordingRequest(maxSeconds));
        var admission = await recording.BeginSourceAsync(allocation.User, allocation.Password);
        Assert.Equal(SourceAdmissionResult.Accepted, admission.Result);
        return (recording, allocation, admission);
    }

    // Distinct content per chunk, so that reordering or a lost chunk shows in the bytes read back.
    private static RecordingChunk Chunk(int length, byte seed) =>
        new([.. Enumerable.Range(0, length).Select(i => (byte)(seed * 31 + i))]);
}
