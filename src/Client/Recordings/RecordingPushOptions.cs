namespace MediaOrleans.Client.Recordings;

/// <summary>How <see cref="RecordingOperations.PushAsync"/> allocates and feeds a recording.</summary>
public sealed class RecordingPushOptions
{
    /// <summary>Default size of one append: 1 MiB, far below Orleans' message limit and large enough to move 100+ MiB/s.</summary>
    public const int DefaultChunkBytes = 1024 * 1024;

    /// <summary>Smallest allowed append.</summary>
    public const int MinChunkBytes = 4 * 1024;

    /// <summary>Largest allowed append (a grain call per chunk must stay a small message).</summary>
    public const int MaxChunkBytes = 16 * 1024 * 1024;

    /// <summary>Recording name; null lets the cluster pick a fresh <c>rec-…</c> name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Longest audio the recording accepts, in seconds; null takes the silo's
    /// <c>Media:Recordings:DefaultMaxSeconds</c>. The push stops with
    /// <see cref="RecordingPushException"/> once the MP3 frames sent play longer.
    /// </summary>
    public int? MaxSeconds { get; set; }

    /// <summary>Bytes per append (default 1 MiB).</summary>
    public int ChunkBytes { get; set; } = DefaultChunkBytes;
}
