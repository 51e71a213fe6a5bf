using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Grains;

public sealed class MediaFileGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    // 1 s of 8 kHz mono 16-bit PCM, and a shorter second version of another rate.
    private static readonly byte[] Wav = WavBuilder.PcmFile(8000, 1, 16, 8000);
    private static readonly byte[] OtherWav = WavBuilder.PcmFile(16000, 1, 16, 1600);

    private IMediaFileGrain Media(string name) => fixture.Client.GetGrain<IMediaFileGrain>(name);

    [Fact]
    public async Task ReplaceAsync_ValidWav_ReturnsInspectedInfo()
    {
        var info = await Media("prompts/replace-valid").ReplaceAsync(new MediaUpload("audio/x-wav", Wav));

        Assert.Equal("prompts/replace-valid", info.Name);
        Assert.False(string.IsNullOrEmpty(info.Version));
        Assert.Equal("audio/wav", info.ContentType);
        Assert.Equal(Wav.Length, info.Length);
        Assert.Equal(new AudioFormat("pcm", 8000, 1, 1000, 128_000), info.Audio);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), info.LastModified);
    }

    [Fact]
    public async Task GetInfoAsync_AfterReplace_ReturnsSameInfo()
    {
        var media = Media("prompts/info-after-replace");
        var stored = await media.ReplaceAsync(new MediaUpload("audio/wav", Wav));

        Assert.Equal(stored, await media.GetInfoAsync());
    }

    [Fact]
    public async Task GetInfoAsync_UnknownItem_ReturnsNull()
    {
        Assert.Null(await Media("prompts/never-stored").GetInfoAsync());
    }

    [Fact]
    public async Task ReadAsync_CurrentVersion_ReturnsExactSlices()
    {
        var media = Media("prompts/read-slices");
        var version = (await media.ReplaceAsync(new MediaUpload("audio/wav", Wav))).Version;

        var head = await media.ReadAsync(version, 0, 44);
        var middle = await media.ReadAsync(version, 1000, 333);
        var tail = await media.ReadAsync(version, Wav.Length - 5, 100);
        var past = await media.ReadAsync(version, Wav.Length + 10, 100);

        Assert.Equal(Wav[..44], head!.Data);
        Assert.Equal(Wav[1000..1333], middle!.Data);
        Assert.Equal(Wav[^5..], tail!.Data);
        Assert.Empty(past!.Data);
        Assert.All(new[] { head, middle, tail, past }, chunk => Assert.Equal(Wav.Length, chunk.TotalLength));
        Assert.Null(await media.ReadAsync(version, -1, 10));
    }

    [Fact]
    public async Task ReadAsync_OldVersionAfterSecondReplace_ReturnsNull()
    {
        var media = Media("prompts/read-old-version");
        var first = await media.ReplaceAsync(new MediaUpload("audio/wav", Wav));
        var second = await media.ReplaceAsync(new MediaUpload("audio/wav", OtherWav));

        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(new AudioFormat("pcm", 16000, 1, 100, 256_000), second.Audio);
        Assert.Null(await media.ReadAsync(first.Version, 0, 16));
        var current = await media.ReadAsync(second.Version, 0, OtherWav.Length);
        Assert.Equal(OtherWav, current!.Data);
    }

    [Fact]
    public async Task ReplaceAsync_InvalidAudio_ThrowsInvalidAudioAndKeepsPreviousVersion()
    {
        var media = Media("prompts/replace-invalid");
        var first = await media.ReplaceAsync(new MediaUpload("audio/wav", Wav));
        byte[] garbage = [.. "RIFF garbage that is no WAVE file"u8];

        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidAudio,
            () => media.ReplaceAsync(new MediaUpload("audio/wav", garbage)));

        Assert.Equal(first, await media.GetInfoAsync());
        var content = await media.ReadAsync(first.Version, 0, Wav.Length);
        Assert.Equal(Wav, content!.Data);
    }

    [Fact]
    public async Task ReplaceAsync_UnsupportedType_ThrowsUnsupportedType()
    {
        await RejectionAssert.ThrowsAsync(MediaRejection.UnsupportedType,
            () => Media("prompts/replace-ogg").ReplaceAsync(new MediaUpload("audio/ogg", Wav)));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("/absolute")]
    [InlineData("trailing/")]
    public async Task ReplaceAsync_InvalidName_ThrowsInvalidName(string name)
    {
        await RejectionAssert.ThrowsAsync(MediaRejection.InvalidName,
            () => Media(name).ReplaceAsync(new MediaUpload("audio/wav", Wav)));
    }

    [Fact]
    public async Task GetInfoAsync_FreshActivation_LoadsInfoAndContentFromStore()
    {
        var media = Media("prompts/fresh-activation");
        var stored = await media.ReplaceAsync(new MediaUpload("audio/wav", Wav));

        await fixture.Cluster.DeactivateAsync(media);

        Assert.Equal(stored, await media.GetInfoAsync());
        var content = await media.ReadAsync(stored.Version, 0, Wav.Length);
        Assert.Equal(Wav, content!.Data);
    }

    [Fact]
    public async Task GetInfoAsync_ItemPutInDirectoryByAnotherStore_LoadsIt()
    {
        var store = new DirectoryMediaStore(fixture.MediaRoot, fixture.Time);
        var put = await store.PutAsync("prompts/put-by-store", "audio/wav", Wav, new AudioFormat("pcm", 8000, 1, 1000, 128_000));

        var media = Media("prompts/put-by-store");

        Assert.Equal(put, await media.GetInfoAsync());
        var content = await media.ReadAsync(put.Version, 100, 50);
        Assert.Equal(Wav[100..150], content!.Data);
    }

    [Fact]
    public async Task ReadAsync_VersionFileDeletedBeforeFirstRead_ReturnsNull()
    {
        var media = Media("prompts/version-file-gone");
        var stored = await media.ReplaceAsync(new MediaUpload("audio/wav", Wav));
        await fixture.Cluster.DeactivateAsync(media);
        File.Delete(Path.Combine(DataPaths.ItemDirectory(fixture.MediaRoot, "prompts/version-file-gone"), stored.Version + ".bin"));

        Assert.Equal(stored, await media.GetInfoAsync());
        Assert.Null(await media.ReadAsync(stored.Version, 0, 16));
    }
}
