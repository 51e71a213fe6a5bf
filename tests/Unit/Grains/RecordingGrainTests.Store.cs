using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Grains;

public sealed partial class RecordingGrainTests
{
    [Fact]
    public async Task StoreAsync_WhileAllocatedOrReceiving_ThrowsConflict()
    {
        var allocated = Recording("calls/store-allocated");
        await allocated.AllocateAsync(new RecordingRequest(30));
        var (receiving, _, admission) = await ReceivingAsync("calls/store-receiving");
        await receiving.AppendAsync(admission.Session, new RecordingChunk(Mp3Builder.Mpeg25Frames(5)));

        await RejectionAssert.ThrowsAsync(MediaRejection.Conflict, () => allocated.StoreAsync("media/store-allocated"));
        await RejectionAssert.ThrowsAsync(MediaRejection.Conflict, () => receiving.StoreAsync("media/store-receiving"));

        Assert.Equal(RecordingState.Receiving, (await receiving.GetStatusAsync()).State);
        Assert.Null(await fixture.Client.GetGrain<IMediaFileGrain>("media/store-receiving").GetInfoAsync());
    }

    [Fact]
    public async Task StoreAsync_EmptyCompleteRecording_ThrowsNoData()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/store-empty");
        await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);

        await RejectionAssert.ThrowsAsync(MediaRejection.NoData, () => recording.StoreAsync("media/store-empty"));

        Assert.Equal(RecordingState.Complete, (await recording.GetStatusAsync()).State);
    }

    [Fact]
    public async Task StoreAsync_UnknownRecording_ThrowsInvalidRequest()
    {
        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidRequest, () => Recording("calls/store-unknown").StoreAsync("media/store-unknown"));
    }

    [Fact]
    public async Task StoreAsync_CompleteMp3Recording_CreatesMediaItemAndStored()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/store-mp3");
        var audio = Mp3Builder.Mpeg25Frames(10);
        await recording.AppendAsync(admission.Session, new RecordingChunk(audio[..500]));
        await recording.AppendAsync(admission.Session, new RecordingChunk(audio[500..]));
        await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);

        var stored = await recording.StoreAsync("voicemail/store-mp3");

        Assert.Equal("voicemail/store-mp3", stored.Name);
        Assert.Equal("audio/mpeg", stored.ContentType);
        Assert.Equal(audio.Length, stored.Length);
        Assert.Equal(new AudioFormat("mp3", 8000, 1, 720, 16_000), stored.Audio);
        var media = fixture.Client.GetGrain<IMediaFileGrain>("voicemail/store-mp3");
        Assert.Equal(stored, await media.GetInfoAsync());
        Assert.Equal(audio, (await media.ReadAsync(stored.Version, 0, audio.Length))!.Data);
        var status = await recording.GetStatusAsync();
        Assert.Equal(RecordingState.Stored, status.State);
        Assert.Equal("voicemail/store-mp3", status.StoredAs);
        Assert.Equal("closed", status.StoppedReason);
    }

    [Fact]
    public async Task StoreAsync_CompleteGarbageRecording_ThrowsInvalidAudioAndStaysComplete()
    {
        var (recording, _, admission) = await ReceivingAsync("calls/store-garbage");
        await recording.AppendAsync(admission.Session, Chunk(600, 1));
        await recording.EndSourceAsync(admission.Session, SourceEnd.Closed);

        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidAudio, () => recording.StoreAsync("voicemail/store-garbage"));

        Assert.Equal(RecordingState.Complete, (await recording.GetStatusAsync()).State);
        Assert.Null(await fixture.Client.GetGrain<IMediaFileGrain>("voicemail/store-garbage").GetInfoAsync());
    }

    [Fact]
    public async Task OnActivateAsync_RecordingLeftReceiving_CompleteInterruptedWithSpooledBytes()
    {
        const string name = "calls/recover-receiving";
        const string password = "spooled-password";
        var spool = new FileRecordingSpool(fixture.RecordingsRoot);
        var startedAt = fixture.Time.GetUtcNow().AddSeconds(-12);
        await spool.SaveAsync(new RecordingRecord(name, RecordingState.Receiving, "recuser", RecordingCredentials.Hash(password),
            30, startedAt.AddSeconds(-3), StartedAt: startedAt));
        var spooled = Mp3Builder.Mpeg25Frames(3);
        await using (var writer = spool.OpenWriter(name))
        {
            await writer.AppendAsync(spooled);
        }

        var recording = Recording(name);
        var status = await recording.GetStatusAsync();

        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("interrupted", status.StoppedReason);
        Assert.Equal(spooled.Length, status.Bytes);
        Assert.Equal(startedAt, status.StartedAt);
        Assert.Equal(fixture.Time.GetUtcNow(), status.EndedAt);
        Assert.Equal(spooled, (await recording.ReadAsync(0, 1000))!.Data);
        Assert.Equal(SourceAdmissionResult.Busy, (await recording.BeginSourceAsync("recuser", password)).Result);
        var saved = await spool.LoadAsync(name);
        Assert.Equal(RecordingState.Complete, saved!.State);
        Assert.Equal("interrupted", saved.StoppedReason);
    }
}
