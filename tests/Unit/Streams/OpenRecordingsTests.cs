using MediaOrleans.Grains.Recordings;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Streams;
using MediaOrleans.Tests.Grains;
using MediaOrleans.Tests.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Streams;

/// <summary>Open-recording caps over the real grains: per caller, per silo, and slots freed by expiry.</summary>
public sealed class OpenRecordingsTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private RecordingAllocator Allocator(int maxOpen, int maxOpenPerCaller)
    {
        var options = Options.Create(new RecordingOptions { MaxOpen = maxOpen, MaxOpenPerCaller = maxOpenPerCaller });
        return new RecordingAllocator(fixture.Client, PlaybackUrlsFactory.Create(fixture.Time), new ClusterRetry(TimeProvider.System),
            options, new OpenRecordings(fixture.Client, options, fixture.Time));
    }

    private static async Task<MediaRejection> RefusalAsync(Task allocation) =>
        (await Assert.ThrowsAsync<MediaRejectedException>(() => allocation)).Reason;

    [Fact]
    public async Task PerCallerCap_RefusesThatCallerOnly()
    {
        var allocator = Allocator(maxOpen: 10, maxOpenPerCaller: 2);
        await allocator.AllocateAsync("quota/caller-1", 60, "api:a");
        await allocator.AllocateAsync("quota/caller-2", 60, "api:a");

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => allocator.AllocateAsync("quota/caller-3", 60, "api:a"));
        var other = await allocator.AllocateAsync("quota/caller-4", 60, "api:b");

        Assert.Equal(MediaRejection.TooMany, refused.Reason);
        Assert.Contains("Media:Recordings:MaxOpenPerCaller", refused.Message, StringComparison.Ordinal);
        Assert.Equal("quota/caller-4", other.Name);
        Assert.Equal(RecordingState.Unknown, (await fixture.Client.GetGrain<IRecordingGrain>("quota/caller-3").GetStatusAsync()).State);
    }

    [Fact]
    public async Task SiloCap_RefusesEveryCaller()
    {
        var allocator = Allocator(maxOpen: 2, maxOpenPerCaller: 2);
        await allocator.AllocateAsync("quota/silo-1", 60, "api:a");
        await allocator.AllocateAsync("quota/silo-2", 60, "bus");

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => allocator.AllocateAsync("quota/silo-3", 60, "api:c"));

        Assert.Equal(MediaRejection.TooMany, refused.Reason);
        Assert.Contains("Media:Recordings:MaxOpen", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedAllocations_HoldNoSlot()
    {
        var allocator = Allocator(maxOpen: 10, maxOpenPerCaller: 1);

        Assert.Equal(MediaRejection.InvalidRequest, await RefusalAsync(allocator.AllocateAsync("quota/refused-1", 999_999, "api:a")));
        await allocator.AllocateAsync("quota/refused-2", 60, "api:a");
        Assert.Equal(MediaRejection.Conflict, await RefusalAsync(allocator.AllocateAsync("quota/refused-2", 60, "api:b")));
        await allocator.AllocateAsync("quota/refused-3", 60, "api:b");
    }

    [Fact]
    public async Task AllocationsNobodyRecordedTo_ExpireAndFreeTheirSlots()
    {
        var allocator = Allocator(maxOpen: 1, maxOpenPerCaller: 1);
        var unused = await allocator.AllocateAsync("quota/expiring-1", 60, "api:a");
        Assert.Equal(MediaRejection.TooMany, await RefusalAsync(allocator.AllocateAsync("quota/expiring-2", 60, "api:a")));

        fixture.Time.Advance(TimeSpan.FromSeconds(new RecordingOptions().AllocationTtlSeconds));
        await allocator.AllocateAsync("quota/expiring-2", 60, "api:a");

        var grain = fixture.Client.GetGrain<IRecordingGrain>("quota/expiring-1");
        var status = await grain.GetStatusAsync();
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("expired", status.StoppedReason);
        Assert.Equal(SourceAdmissionResult.Busy, (await grain.BeginSourceAsync(unused.User, unused.Password)).Result);
    }
}
