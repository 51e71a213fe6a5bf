using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Chooses the MP3 decoder when the silo starts, not at its first transcode, and says which: an
/// <c>auto</c> silo that fell back to NLayer warns, since its 8 kHz playback is degraded.
/// </summary>
internal sealed class Mp3DecoderStartup(IMp3Decoder decoder, IOptions<AudioOptions> options, ILogger<Mp3DecoderStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var setting = options.Value.Decoder;
        if (setting == Mp3DecoderKind.Auto && Mpg123Mp3Decoder.UnavailableReason is { } reason)
        {
            AudioLog.DecoderFallback(logger, decoder.Name, setting, reason);
        }
        else
        {
            AudioLog.DecoderChosen(logger, decoder.Name, setting);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
