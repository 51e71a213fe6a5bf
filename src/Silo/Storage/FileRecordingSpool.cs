using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaOrleans.Grains.Storage;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Spools each recording in its item directory <c>recordings/&lt;name&gt;/@item/</c> (see
/// <see cref="DataPaths"/>): the bytes as <c>audio.mp3</c> beside the record <c>record.json</c>.
/// Bytes are written through to the OS on every append, so a crash of the silo process loses
/// nothing that was acknowledged.
/// </summary>
public sealed class FileRecordingSpool(string root) : IRecordingSpool
{
    internal const string RecordFile = "record.json";
    internal const string AudioFile = "audio.mp3";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<RecordingRecord?> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = RecordPath(name);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RecordingRecord>(file, Json, cancellationToken);
    }

    public Task SaveAsync(RecordingRecord record, CancellationToken cancellationToken = default) =>
        DataPaths.WriteAtomicallyAsync(RecordPath(record.Name), JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken);

    public async IAsyncEnumerable<RecordingRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(root, RecordFile, SearchOption.AllDirectories))
        {
            if (DataPaths.NameOf(root, Path.GetDirectoryName(path)!) is null)
            {
                continue;
            }

            RecordingRecord? record;
            try
            {
                await using var file = File.OpenRead(path);
                record = await JsonSerializer.DeserializeAsync<RecordingRecord>(file, Json, cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                // A record being replaced right now, or not one of ours: the grain reads it itself when used.
                continue;
            }

            if (record is not null)
            {
                yield return record;
            }
        }
    }

    public IRecordingSpoolWriter OpenWriter(string name)
    {
        var path = AudioPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileSpoolWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous));
    }

    public long GetLength(string name)
    {
        var file = new FileInfo(AudioPath(name));
        return file.Exists ? file.Length : 0;
    }

    public async Task<int> ReadAsync(string name, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var path = AudioPath(name);
        if (!File.Exists(path))
        {
            return 0;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer[total..], offset + total, cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private string AudioPath(string name) => Path.Combine(DataPaths.ItemDirectory(root, name), AudioFile);

    private string RecordPath(string name) => Path.Combine(DataPaths.ItemDirectory(root, name), RecordFile);

    // bufferSize 1 on the stream: every append goes straight to the OS, nothing waits in user space.
    private sealed class FileSpoolWriter(FileStream file) : IRecordingSpoolWriter
    {
        public long Length => file.Length;

        public ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            file.WriteAsync(data, cancellationToken);

        // Shrinking needs no free space, so it works on the full disk that failed the append.
        public void Truncate(long length) => file.SetLength(length);

        public async ValueTask DisposeAsync()
        {
            file.Flush(flushToDisk: true);
            await file.DisposeAsync();
        }
    }
}
