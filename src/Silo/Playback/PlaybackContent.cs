namespace MediaOrleans.Silo.Playback;

/// <summary>
/// Bytes ready to play: either held in this silo's cache (<see cref="Cached"/>) or pulled from
/// the owning grain in chunks as the listener writes them (<see cref="ReadChunksAsync"/>).
/// </summary>
public sealed class PlaybackContent(
    long length,
    DateTimeOffset? lastModified,
    string? entityTag,
    byte[]? cached,
    Func<long, Task<byte[]?>>? readChunk)
{
    /// <summary>Exact body length in bytes.</summary>
    public long Length { get; } = length;

    /// <summary>When this version was stored, if known.</summary>
    public DateTimeOffset? LastModified { get; } = lastModified;

    /// <summary>Strong entity tag (quoted), if the content is a fixed version.</summary>
    public string? EntityTag { get; } = entityTag;

    /// <summary>The whole body, when it is held in memory.</summary>
    public byte[]? Cached { get; } = cached;

    /// <summary>The body in order, from memory or chunk by chunk from its grain.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync()
    {
        if (Cached is not null)
        {
            yield return Cached;
            yield break;
        }

        for (long offset = 0; offset < Length;)
        {
            var chunk = await readChunk!(offset);
            if (chunk is null || chunk.Length == 0)
            {
                // The version vanished mid-stream; the caller sees a short body and closes.
                yield break;
            }

            var take = (int)Math.Min(chunk.Length, Length - offset);
            yield return chunk.AsMemory(0, take);
            offset += take;
        }
    }
}
