using System.Collections.Concurrent;
using MediaOrleans.Grains.Storage;

namespace MediaOrleans.Tests.Grains;

/// <summary>
/// The real file spool, with a full disk for the recordings a test fills: their appends write
/// what room is left and then fail with the IOException a full disk gives (ENOSPC), part of the
/// chunk on disk, and their records cannot be saved, until the test frees the disk again.
/// </summary>
public sealed class FullDiskSpool(IRecordingSpool disk) : IRecordingSpool
{
    private readonly ConcurrentDictionary<string, Room> _full = new();

    /// <summary>Fills the disk under <paramref name="name"/>: <paramref name="roomBytes"/> more audio bytes fit, no record does.</summary>
    public void Fill(string name, long roomBytes) => _full[name] = new Room(roomBytes);

    /// <summary>Frees the disk under <paramref name="name"/>.</summary>
    public void Free(string name) => _full.TryRemove(name, out _);

    public Task<RecordingRecord?> LoadAsync(string name, CancellationToken cancellationToken = default) => disk.LoadAsync(name, cancellationToken);

    public Task SaveAsync(RecordingRecord record, CancellationToken cancellationToken = default) =>
        _full.ContainsKey(record.Name) ? throw NoSpace() : disk.SaveAsync(record, cancellationToken);

    public IAsyncEnumerable<RecordingRecord> ListAsync(CancellationToken cancellationToken = default) => disk.ListAsync(cancellationToken);

    public IRecordingSpoolWriter OpenWriter(string name) => new Writer(disk.OpenWriter(name), name, this);

    public long GetLength(string name) => disk.GetLength(name);

    public Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        disk.ReadAsync(name, offset, buffer, cancellationToken);

    private static IOException NoSpace() => new("No space left on device");

    private sealed class Room(long bytes)
    {
        public long Bytes { get; set; } = bytes;
    }

    private sealed class Writer(IRecordingSpoolWriter file, string name, FullDiskSpool spool) : IRecordingSpoolWriter
    {
        public long Length => file.Length;

        public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            if (!spool._full.TryGetValue(name, out var room))
            {
                await file.AppendAsync(data, cancellationToken);
                return;
            }

            // A short write and then ENOSPC, as write(2) does on a disk that fills mid-chunk.
            var fits = (int)Math.Min(room.Bytes, data.Length);
            await file.AppendAsync(data[..fits], cancellationToken);
            room.Bytes -= fits;
            if (fits < data.Length)
            {
                throw NoSpace();
            }
        }

        public void Truncate(long length) => file.Truncate(length);

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
