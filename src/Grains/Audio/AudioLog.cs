using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Audio;

/// <summary>Audio log messages (event ids 1100-1199).</summary>
internal static partial class AudioLog
{
    [LoggerMessage(1100, LogLevel.Information, "MP3 decoder: {Decoder} (Media:Audio:Decoder = {Setting})")]
    public static partial void DecoderChosen(ILogger logger, string decoder, Mp3DecoderKind setting);

    [LoggerMessage(1101, LogLevel.Warning, "MP3 decoder: {Decoder} (Media:Audio:Decoder = {Setting}); libmpg123 did not load: {Reason}. NLayer garbles 8 kHz (MPEG-2.5) transients; install libmpg123-0")]
    public static partial void DecoderFallback(ILogger logger, string decoder, Mp3DecoderKind setting, string reason);
}
