using MediaOrleans.Interfaces;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Grains;

public sealed class CatalogGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly byte[] Wav = WavBuilder.PcmFile(8000, 1, 16, 800);

    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(0);

    [Fact]
    public async Task ListMedia_ByPrefix_InOrdinalOrder_AndDeletedItemsDisappear()
    {
        foreach (var name in new[] { "catalog/b", "catalog/a", "catalog/sub/c", "other/d" })
        {
            await fixture.Client.GetGrain<IMediaFileGrain>(name).ReplaceAsync(new MediaUpload("audio/wav", Wav));
        }

        Assert.Equal(["catalog/a", "catalog/b", "catalog/sub/c"], await Catalog.ListMediaAsync("catalog/", 100));
        Assert.Equal(["catalog/a", "catalog/b"], await Catalog.ListMediaAsync("catalog/", 2));

        var deleted = fixture.Client.GetGrain<IMediaFileGrain>("catalog/b");
        Assert.True(await deleted.DeleteAsync());
        Assert.False(await deleted.DeleteAsync());
        Assert.Null(await deleted.GetInfoAsync());
        Assert.Equal(["catalog/a", "catalog/sub/c"], await Catalog.ListMediaAsync("catalog/", 100));
    }

    [Fact]
    public async Task ListRecordings_ReportsEachRecordingsLiveState()
    {
        var receiving = fixture.Client.GetGrain<IRecordingGrain>("listed/receiving");
        var allocation = await receiving.AllocateAsync(new RecordingRequest(60));
        var admission = await receiving.BeginSourceAsync(allocation.User, allocation.Password);
        await receiving.AppendAsync(admission.Session, new RecordingChunk(new byte[123]));
        await fixture.Client.GetGrain<IRecordingGrain>("listed/allocated").AllocateAsync(new RecordingRequest(60));

        var listed = await Catalog.ListRecordingsAsync("listed/", 100);

        Assert.Equal(["listed/allocated", "listed/receiving"], listed.Select(r => r.Name));
        Assert.Equal(RecordingState.Allocated, listed[0].State);
        Assert.Equal(RecordingState.Receiving, listed[1].State);
        Assert.Equal(123, listed[1].Bytes);
    }
}
