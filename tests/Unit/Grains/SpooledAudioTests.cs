using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Grains;

public sealed class SpooledAudioTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mediaorleans-spooled-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<FileRecordingSpool> SpoolAsync(string name, byte[] audio)
    {
        var spool = new FileRecordingSpool(_root);
        await using var writer = spool.OpenWriter(name);
        await writer.AppendAsync(audio);
        return spool;
    }

    [Fact]
    public async Task DurationMsAsync_CountsEveryFrame_AcrossManyReads()
    {
        // 2,000 frames of 144 bytes: more than one read of the spool.
        var spool = await SpoolAsync("calls/long", Mp3Builder.Mpeg25Frames(2000));

        Assert.Equal(2000 * 72, await SpooledAudio.DurationMsAsync(spool, "calls/long", 2000 * Mp3Builder.Mpeg25FrameBytes));
    }

    [Fact]
    public async Task DurationMsAsync_NothingSpooled_IsZero()
    {
        var spool = await SpoolAsync("calls/nothing", []);

        Assert.Equal(0, await SpooledAudio.DurationMsAsync(spool, "calls/nothing", 0));
    }

    [Fact]
    public async Task TrailingSilenceMsAsync_MeasuresTheEndOfTheSpool()
    {
        var audio = Mp3Builder.Mpeg25Frames(10);
        var spool = await SpoolAsync("calls/tail", audio);

        var silence = await SpooledAudio.TrailingSilenceMsAsync(spool, "calls/tail", audio.Length);

        Assert.NotNull(silence);
        Assert.Equal(RecordingTail.TrailingSilenceMs(audio), silence);
    }

    [Fact]
    public async Task TrailingSilenceMsAsync_LongRecording_DecodesOnlyItsTail()
    {
        var audio = Mp3Builder.Mpeg25Frames(SpooledAudio.TailBytes / Mp3Builder.Mpeg25FrameBytes + 100);
        var spool = await SpoolAsync("calls/long-tail", audio);

        var silence = await SpooledAudio.TrailingSilenceMsAsync(spool, "calls/long-tail", audio.Length);

        Assert.Equal(RecordingTail.TrailingSilenceMs(audio[^SpooledAudio.TailBytes..]), silence);
    }

    [Fact]
    public async Task TrailingSilenceMsAsync_NoAudio_IsNull()
    {
        var spool = await SpoolAsync("calls/junk", new byte[300]);

        Assert.Null(await SpooledAudio.TrailingSilenceMsAsync(spool, "calls/junk", 300));
        Assert.Null(await SpooledAudio.TrailingSilenceMsAsync(spool, "calls/junk", 0));
    }
}
