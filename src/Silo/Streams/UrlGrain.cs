using MediaOrleans.Interfaces;
using Orleans.Concurrency;

namespace MediaOrleans.Silo.Streams;

/// <summary>
/// URLs for Orleans clients, from the same allocators the admin API and the bus use. A
/// stateless worker in the silo project, because signing needs the silo's secret and the URLs
/// name the silo's advertised host and ports.
/// </summary>
[StatelessWorker]
public sealed class UrlGrain(StreamAllocator streams, RecordingAllocator recordings) : Grain, IUrlGrain
{
    public async Task<UrlGrant> GetPlaybackUrlAsync(UrlRequest request)
    {
        var allocation = await streams.AllocateAsync(request);
        return allocation.Granted
            ? new UrlGrant(allocation.Url, allocation.Media, allocation.ContentType, null, null)
            : new UrlGrant(null, null, null, allocation.Refusal, allocation.Message);
    }

    public Task<RecordingTicket> AllocateRecordingAsync(string? name, int? maxSeconds) => recordings.AllocateAsync(name, maxSeconds, RecordingAllocator.OrleansClients);
}
