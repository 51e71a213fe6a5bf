using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Grains.Recordings;

/// <summary>Limits on recordings, bound from <c>Media:Recordings</c>.</summary>
public sealed class RecordingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Recordings";

    /// <summary>Length allowed when an allocation names none, in seconds (default 1 h).</summary>
    [Range(1, 86_400)]
    public int DefaultMaxSeconds { get; set; } = 3600;

    /// <summary>Largest <c>maxSeconds</c> an allocation may ask for (default 4 h).</summary>
    [Range(1, 86_400)]
    public int MaxSeconds { get; set; } = 14_400;

    /// <summary>
    /// Seconds a source may stream past its <c>maxSeconds</c> before it is cut off. libshout and
    /// the network buffer a little audio, so a source paced at real time arrives slightly late.
    /// </summary>
    [Range(0, 600)]
    public int GraceSeconds { get; set; } = 5;

    /// <summary>
    /// Largest recording in bytes (default 64 MiB: 9 h of 16 kbps call audio; at most 4 GiB).
    /// Recordings arrive in small appends, so any size can be received; only those within
    /// <see cref="Interfaces.MediaUpload.MaxContentBytes"/> can be stored as media.
    /// </summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Seconds a receiving recording waits for its next bytes before it ends as
    /// <c>source-lost</c> (default 60). Covers a source whose silo died: the listener that timed
    /// sources out went with it, so the grain keeps its own watch.
    /// </summary>
    [Range(5, 3600)]
    public int SourceLostSeconds { get; set; } = 60;

    /// <summary>Wait before the first retry of a store the media store could not take, in seconds (default 1); doubled each time.</summary>
    [Range(1, 3600)]
    public int StoreRetryFirstSeconds { get; set; } = 1;

    /// <summary>Longest wait between retries of a pending store, in seconds (default 60).</summary>
    [Range(1, 3600)]
    public int StoreRetryMaxSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds an allocated recording waits for its source (default 900). One never recorded to
    /// ends as <c>expired</c> after this, and no longer counts against <see cref="MaxOpen"/>.
    /// </summary>
    [Range(10, 86_400)]
    public int AllocationTtlSeconds { get; set; } = 900;

    /// <summary>
    /// Most recordings one silo has open (allocated or receiving) at once, over all callers
    /// (default 1,000). Each holds a spool file; allocations past it are refused as too many.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxOpen { get; set; } = 1000;

    /// <summary>
    /// Most open recordings one caller (an API key, loopback, the message bus, Orleans clients)
    /// may have on one silo (default 500), so one caller cannot take every slot.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxOpenPerCaller { get; set; } = 500;
}
