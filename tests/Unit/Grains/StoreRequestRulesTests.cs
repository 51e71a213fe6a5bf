using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

public sealed class StoreRequestRulesTests
{
    private static readonly RecordingRecord Complete =
        new("calls/store", RecordingState.Complete, "recuser", "hash", 30, DateTimeOffset.UnixEpoch);

    private static MediaRejection Refusal(RecordingRecord? record, long bytes, string mediaName) =>
        Assert.Throws<MediaRejectedException>(() => StoreRequestRules.Check("calls/store", record, bytes, mediaName)).Reason;

    [Fact]
    public void Check_CompleteRecordingWithAudio_Passes()
    {
        StoreRequestRules.Check("calls/store", Complete, 100, "voicemail/new");
        StoreRequestRules.Check("calls/store", Complete with { State = RecordingState.Stored, StoredAs = "voicemail/new" }, 100, "voicemail/new");
        StoreRequestRules.Check("calls/store", Complete with { PendingStoreAs = "voicemail/new" }, 100, "voicemail/new");
    }

    [Fact]
    public void Check_StoredRecordingElsewhere_Conflict()
    {
        var stored = Complete with { State = RecordingState.Stored, StoredAs = "voicemail/new" };

        Assert.Equal(MediaRejection.Conflict, Refusal(stored, 100, "system_media/vm-enter_pass"));
    }

    [Fact]
    public void Check_InvalidMediaName_InvalidName()
    {
        Assert.Equal(MediaRejection.InvalidName, Refusal(Complete, 100, "voicemail/../escape"));
    }

    [Fact]
    public void Check_NoRecording_InvalidRequest()
    {
        Assert.Equal(MediaRejection.InvalidRequest, Refusal(null, 0, "voicemail/new"));
    }

    [Theory]
    [InlineData(RecordingState.Allocated)]
    [InlineData(RecordingState.Receiving)]
    public void Check_NotYetComplete_Conflict(RecordingState state)
    {
        Assert.Equal(MediaRejection.Conflict, Refusal(Complete with { State = state }, 100, "voicemail/new"));
    }

    [Fact]
    public void Check_LargerThanOneMediaUpload_InvalidRequest()
    {
        Assert.Equal(MediaRejection.InvalidRequest, Refusal(Complete, MediaUpload.MaxContentBytes + 1, "voicemail/new"));
        StoreRequestRules.Check("calls/store", Complete, MediaUpload.MaxContentBytes, "voicemail/new");
    }

    [Fact]
    public void Check_NoBytes_NoData()
    {
        Assert.Equal(MediaRejection.NoData, Refusal(Complete, 0, "voicemail/new"));
    }

    [Fact]
    public void Check_PendingAsAnotherName_Conflict()
    {
        Assert.Equal(MediaRejection.Conflict, Refusal(Complete with { PendingStoreAs = "voicemail/first" }, 100, "voicemail/second"));
    }
}
