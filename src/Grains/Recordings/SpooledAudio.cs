using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Storage;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Measures a recording's audio from what its spool holds: the trailing silence at its end, and
/// the duration of every spooled frame for a recording whose live meter was lost with its silo.
/// </summary>
internal static class SpooledAudio
{
    // Trailing silence is measured on at most this much of the end (8 min of 16 kbps call audio).
    internal const int TailBytes = 1024 * 1024;

    private const int MeterReadBytes = 256 * 1024;

    /// <summary>Trailing silence of the <paramref name="length"/> bytes spooled for <paramref name="name"/>; null when no audio could be decoded.</summary>
    public static async Task<long?> TrailingSilenceMsAsync(IRecordingSpool spool, string name, long length)
    {
        var tail = new byte[(int)Math.Min(length, TailBytes)];
        var read = await spool.ReadAsync(name, length - tail.Length, tail);
        return RecordingTail.TrailingSilenceMs(read == tail.Length ? tail : tail[..read]);
    }

    /// <summary>Audio in the <paramref name="length"/> bytes spooled for <paramref name="name"/>, in milliseconds.</summary>
    public static async Task<long> DurationMsAsync(IRecordingSpool spool, string name, long length)
    {
        var meter = new Mp3StreamMeter();
        var buffer = new byte[MeterReadBytes];
        for (long offset = 0; offset < length;)
        {
            var read = await spool.ReadAsync(name, offset, buffer);
            if (read == 0)
            {
                break;
            }

            meter.Append(buffer.AsSpan(0, read));
            offset += read;
        }

        return meter.DurationMs;
    }
}
