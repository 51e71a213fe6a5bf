using MediaOrleans.Grains.Recordings;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Streams;

/// <summary>
/// Allocates recordings for every front end: picks a name when none is given, holds the
/// allocation against the caller's and the silo's open-recording caps (<see cref="OpenRecordings"/>),
/// lets the grain issue the credentials, and builds the <c>shout://</c> URL that names this silo.
/// </summary>
public sealed class RecordingAllocator(IGrainFactory grains, PlaybackUrls urls, ClusterRetry retry, IOptions<RecordingOptions> options,
    OpenRecordings open)
{
    /// <summary>The caller name of allocations asked for by Orleans clients (through <c>IUrlGrain</c>).</summary>
    public const string OrleansClients = "orleans-clients";

    /// <summary>
    /// Allocates for <paramref name="caller"/>; throws <see cref="MediaRejectedException"/> for a bad
    /// or taken name or length, or (<see cref="MediaRejection.TooMany"/>) when a cap is reached.
    /// </summary>
    public async Task<RecordingTicket> AllocateAsync(string? name, int? maxSeconds, string caller)
    {
        name ??= $"rec-{Guid.NewGuid():N}";
        if (!MediaName.IsValid(name))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{name}' is not a valid recording name");
        }

        var request = new RecordingRequest(maxSeconds ?? options.Value.DefaultMaxSeconds);
        var reserved = await open.ReserveAsync(name, caller);
        try
        {
            var allocation = await retry.RunAsync(() => grains.GetGrain<IRecordingGrain>(name).AllocateAsync(request));
            return new RecordingTicket(allocation.Name, urls.ForRecordingSource(allocation), allocation.MaxSeconds, allocation.User,
                allocation.Password);
        }
        catch when (reserved)
        {
            await open.ReleaseAsync(name);
            throw;
        }
    }
}
