using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// When a recording stops receiving, and why (its <c>StoppedReason</c>). Audio time, metered from
/// the MP3 frames, is the precise limit on length; the wall clock since the source started is
/// only a guard against sources that stall or send junk the meter cannot count, with
/// <see cref="RecordingOptions.GraceSeconds"/> of slack because libshout and the network buffer
/// a little audio. Bytes past <see cref="RecordingOptions.MaxBytes"/> are not kept.
/// </summary>
internal sealed class RecordingLimits(RecordingOptions options)
{
    /// <summary>The recording reached its <c>maxSeconds</c>, by audio or by the wall clock.</summary>
    public const string MaxSeconds = "max-seconds";

    /// <summary>The recording reached <see cref="RecordingOptions.MaxBytes"/>.</summary>
    public const string MaxBytes = "max-bytes";

    /// <summary>Refuses an allocation asking for a length outside 1 to <see cref="RecordingOptions.MaxSeconds"/>.</summary>
    public void CheckRequested(RecordingRequest request)
    {
        if (request.MaxSeconds < 1 || request.MaxSeconds > options.MaxSeconds)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest,
                $"maxSeconds must be between 1 and {options.MaxSeconds}, not {request.MaxSeconds}");
        }
    }

    /// <summary>The reason to stop before taking more bytes at <paramref name="now"/>, or null to go on.</summary>
    public string? BeforeAppend(RecordingRecord record, DateTimeOffset now) =>
        (now - record.StartedAt!.Value).TotalSeconds > record.MaxSeconds + options.GraceSeconds ? MaxSeconds : null;

    /// <summary>How many of <paramref name="offered"/> bytes fit after the <paramref name="spooled"/> ones.</summary>
    public int Admissible(long spooled, int offered) => (int)Math.Min(offered, options.MaxBytes - spooled);

    /// <summary>
    /// The reason to stop after an append left <paramref name="spooled"/> bytes and
    /// <paramref name="durationMs"/> of audio (<paramref name="cut"/>: some offered bytes did not
    /// fit), or null to go on.
    /// </summary>
    public string? AfterAppend(RecordingRecord record, long spooled, bool cut, long durationMs) =>
        cut || spooled >= options.MaxBytes ? MaxBytes
        : durationMs > record.MaxSeconds * 1000L ? MaxSeconds
        : null;
}
