using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;

namespace MediaOrleans.Silo.Playback;

/// <summary>
/// Bytes ready to play: a window over content this silo holds (whole, or still arriving from the
/// owning grain), or pulled from the owning grain in chunks as the listener writes them. Either
/// way the first bytes can go out before the last have arrived.
/// </summary>
public sealed class PlaybackContent
{
    private const int Id3v1Bytes = 128;
    private readonly ArrivingBytes? _held;
    private readonly Func<long, Task<byte[]?>>? _readChunk;
    private readonly long _start;

    /// <summary>Content held by this silo, complete or still arriving.</summary>
    public PlaybackContent(ArrivingBytes held, DateTimeOffset? lastModified, string? entityTag)
        : this(held.Length, lastModified, entityTag, held, null, 0)
    {
    }

    /// <summary>Content read chunk by chunk: <paramref name="readChunk"/> answers the bytes from an offset on.</summary>
    public PlaybackContent(long length, DateTimeOffset? lastModified, string? entityTag, Func<long, Task<byte[]?>> readChunk)
        : this(length, lastModified, entityTag, null, readChunk, 0)
    {
    }

    private PlaybackContent(long length, DateTimeOffset? lastModified, string? entityTag, ArrivingBytes? held,
        Func<long, Task<byte[]?>>? readChunk, long start)
    {
        Length = length;
        LastModified = lastModified;
        EntityTag = entityTag;
        _held = held;
        _readChunk = readChunk;
        _start = start;
    }

    /// <summary>Exact body length in bytes.</summary>
    public long Length { get; }

    /// <summary>When this version was stored, if known.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Strong entity tag (quoted), if the content is a fixed version.</summary>
    public string? EntityTag { get; }

    /// <summary>Whether every byte is already in this silo's memory.</summary>
    public bool IsWholeHere => _held is { IsComplete: true };

    /// <summary>
    /// The same content without a leading ID3v2 or trailing ID3v1 tag: SHOUT playback sends MP3
    /// frames only, because mod_shout feeds every body byte to its decoder. Needs the last bytes,
    /// so it waits for the whole item; <see cref="ReadWithoutId3TagsAsync"/> does not.
    /// </summary>
    public async Task<PlaybackContent> WithoutId3TagsAsync()
    {
        var skip = await Id3v2LengthAsync();
        var trim = Length - skip >= Id3v1Bytes && Mp3Inspector.IsId3v1(await ReadAsync(Length - Id3v1Bytes, Id3v1Bytes)) ? Id3v1Bytes : 0;
        return skip == 0 && trim == 0
            ? this
            : new PlaybackContent(Length - skip - trim, LastModified, EntityTag, _held, _readChunk, _start + skip);
    }

    /// <summary>
    /// The body without ID3 tags, sent as it arrives: everything but the last 128 bytes goes out
    /// at once, those follow when it is known that they are not an ID3v1 tag. The length is not
    /// known in advance, so the caller sends no <c>Content-Length</c>.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadWithoutId3TagsAsync()
    {
        var skip = await Id3v2LengthAsync();
        var tailStart = Math.Max(skip, Length - Id3v1Bytes);
        var complete = true;
        await foreach (var chunk in ReadRangeAsync(skip, tailStart, () => complete = false))
        {
            yield return chunk;
        }

        var tail = complete ? await ReadAsync(tailStart, (int)(Length - tailStart)) : [];
        if (tail.Length == Length - tailStart && !(tail.Length == Id3v1Bytes && Mp3Inspector.IsId3v1(tail)))
        {
            yield return tail;
        }
    }

    /// <summary>The body in order, from memory or chunk by chunk from its grain; short if the version vanished meanwhile.</summary>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync() => ReadRangeAsync(0, Length, null);

    /// <summary>The bytes of <paramref name="range"/> in order; short if the version vanished meanwhile.</summary>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(ByteRange range) => ReadRangeAsync(range.From, range.To, null);

    private async Task<long> Id3v2LengthAsync() => Math.Min(Length, Mp3Inspector.Id3v2Length(await ReadAsync(0, 10)));

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRangeAsync(long from, long to, Action? onShort)
    {
        for (var offset = from; offset < to;)
        {
            var chunk = await ReadSomeAsync(offset, to - offset);
            if (chunk.IsEmpty)
            {
                // The version vanished or its load broke off mid-stream; the caller sees a short body and closes.
                onShort?.Invoke();
                yield break;
            }

            yield return chunk;
            offset += chunk.Length;
        }
    }

    // At least one byte from offset (relative to this window), unless the content is gone.
    private async Task<ReadOnlyMemory<byte>> ReadSomeAsync(long offset, long most)
    {
        if (_held is not null)
        {
            var position = _start + offset;
            return await _held.WaitForAsync(position + 1) ? _held.Slice(position, most) : ReadOnlyMemory<byte>.Empty;
        }

        var chunk = await _readChunk!(_start + offset);
        return chunk is null ? ReadOnlyMemory<byte>.Empty : chunk.AsMemory(0, (int)Math.Min(chunk.Length, most));
    }

    // Exactly count bytes from offset (fewer only if the content ends or is gone).
    private async Task<byte[]> ReadAsync(long offset, int count)
    {
        if (offset < 0 || offset >= Length)
        {
            return [];
        }

        var result = new byte[(int)Math.Min(count, Length - offset)];
        var filled = 0;
        while (filled < result.Length)
        {
            var chunk = await ReadSomeAsync(offset + filled, result.Length - filled);
            if (chunk.IsEmpty)
            {
                return result[..filled];
            }

            chunk.Span.CopyTo(result.AsSpan(filled));
            filled += chunk.Length;
        }

        return result;
    }
}
