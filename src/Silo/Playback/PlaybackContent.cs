using MediaOrleans.Grains.Audio;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// Bytes ready to play: a window over content held in this silo's cache, or pulled from the
/// owning grain in chunks as the listener writes them.
/// </summary>
public sealed class PlaybackContent
{
    private readonly byte[]? _cached;
    private readonly Func<long, Task<byte[]?>>? _readChunk;
    private readonly long _start;

    /// <summary>Content held whole in memory.</summary>
    public PlaybackContent(byte[] cached, DateTimeOffset? lastModified, string? entityTag)
        : this(cached.Length, lastModified, entityTag, cached, null, 0)
    {
    }

    /// <summary>Content read chunk by chunk: <paramref name="readChunk"/> answers the bytes from an offset on.</summary>
    public PlaybackContent(long length, DateTimeOffset? lastModified, string? entityTag, Func<long, Task<byte[]?>> readChunk)
        : this(length, lastModified, entityTag, null, readChunk, 0)
    {
    }

    private PlaybackContent(long length, DateTimeOffset? lastModified, string? entityTag, byte[]? cached,
        Func<long, Task<byte[]?>>? readChunk, long start)
    {
        Length = length;
        LastModified = lastModified;
        EntityTag = entityTag;
        _cached = cached;
        _readChunk = readChunk;
        _start = start;
    }

    /// <summary>Exact body length in bytes.</summary>
    public long Length { get; }

    /// <summary>When this version was stored, if known.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Strong entity tag (quoted), if the content is a fixed version.</summary>
    public string? EntityTag { get; }

    /// <summary>
    /// The same content without a leading ID3v2 or trailing ID3v1 tag: SHOUT playback sends MP3
    /// frames only, because mod_shout feeds every body byte to its decoder.
    /// </summary>
    public async Task<PlaybackContent> WithoutId3TagsAsync()
    {
        var skip = Math.Min(Length, Mp3Inspector.Id3v2Length(await ReadAsync(0, 10)));
        var trim = Length - skip >= 128 && Mp3Inspector.IsId3v1(await ReadAsync(Length - 128, 128)) ? 128 : 0;
        return skip == 0 && trim == 0
            ? this
            : new PlaybackContent(Length - skip - trim, LastModified, EntityTag, _cached, _readChunk, _start + skip);
    }

    /// <summary>The body in order, from memory or chunk by chunk from its grain.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync()
    {
        if (_cached is not null)
        {
            yield return _cached.AsMemory((int)_start, (int)Length);
            yield break;
        }

        for (long offset = 0; offset < Length;)
        {
            var chunk = await _readChunk!(_start + offset);
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

    private async Task<byte[]> ReadAsync(long offset, int count)
    {
        if (offset < 0 || offset >= Length)
        {
            return [];
        }

        count = (int)Math.Min(count, Length - offset);
        if (_cached is not null)
        {
            return _cached.AsSpan((int)(_start + offset), count).ToArray();
        }

        var chunk = await _readChunk!(_start + offset) ?? [];
        return chunk.AsSpan(0, Math.Min(count, chunk.Length)).ToArray();
    }
}
