using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Silo.Live;
using MediaOrleans.Silo.Playback;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Telemetry;

/// <summary>
/// What this silo holds now, for the <c>MediaOrleans</c> gauges: the same three memory tiers
/// as <c>/api/silo</c> (stored media the grains hold, transcoded variants, the listeners' hot
/// versions) and the continuous streams. Registered with the meter while the silo runs.
/// </summary>
public sealed class SiloReadings(
    HeldContent held,
    TranscodeCache transcodes,
    IOptions<TranscodeOptions> transcodeOptions,
    PlaybackSource playback,
    IOptions<PlaybackCacheOptions> playbackOptions,
    LiveStreamHub live) : IMetricReadings, IHostedService
{
    private IDisposable? _registration;

    /// <inheritdoc />
    public long LiveMounts => live.Mounts;

    /// <inheritdoc />
    public long LiveListeners => live.Listeners;

    /// <inheritdoc />
    public IEnumerable<TierReading> Tiers() =>
    [
        new(MemoryTiers.Grains, held.Bytes, held.Budget),
        new(MemoryTiers.Transcoded, transcodes.HeldBytes, transcodeOptions.Value.CacheBytes),
        new(MemoryTiers.Listeners, playback.HeldBytes, playbackOptions.Value.CacheBytes),
    ];

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = MediaMetrics.Observe(this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Dispose();
        _registration = null;
        return Task.CompletedTask;
    }
}
