using System.Security.Cryptography;
using System.Text.Json;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// The embedded default store: each item is a directory <c>media/&lt;name&gt;/@item/</c> (see
/// <see cref="DataPaths"/>) holding <c>meta.json</c> (the current version's description) and
/// <c>&lt;version&gt;.bin</c>. The version
/// is derived from the content's SHA-256, so the same bytes always have the same version.
/// </summary>
public sealed class DirectoryMediaStore(string root, TimeProvider time) : IMediaStore
{
    internal const string MetaFile = "meta.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MediaInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        var meta = Path.Combine(ItemDirectory(name), MetaFile);
        if (!File.Exists(meta))
        {
            return null;
        }

        await using var file = File.OpenRead(meta);
        return await JsonSerializer.DeserializeAsync<MediaInfo>(file, Json, cancellationToken);
    }

    public async Task<MediaInfo?> GetVersionAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        // Only the current version is kept: PutAsync deletes the older ones.
        var info = await GetInfoAsync(name, cancellationToken);
        return info?.Version == version && File.Exists(ContentPath(name, version)) ? info : null;
    }

    public Task<Stream?> OpenReadAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        var path = ContentPath(name, version);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous)
            : null;
        return Task.FromResult(stream);
    }

    public async Task<MediaInfo> PutAsync(string name, string contentType, ReadOnlyMemory<byte> content, AudioFormat audio,
        CancellationToken cancellationToken = default)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(content.Span))[..20];
        if (await GetVersionAsync(name, version, cancellationToken) is { } same && same.ContentType == contentType)
        {
            return same;
        }

        var info = new MediaInfo(name, version, contentType, content.Length, TruncateToSeconds(time.GetUtcNow()), audio);
        var directory = ItemDirectory(name);
        await DataPaths.WriteAtomicallyAsync(ContentPath(name, version), content, cancellationToken);
        await DataPaths.WriteAtomicallyAsync(Path.Combine(directory, MetaFile), JsonSerializer.SerializeToUtf8Bytes(info, Json), cancellationToken);

        // Older versions go once the new description is in place; URLs naming them then answer 404.
        foreach (var old in Directory.EnumerateFiles(directory, "*.bin"))
        {
            if (Path.GetFileNameWithoutExtension(old) != version)
            {
                File.Delete(old);
            }
        }

        return info;
    }

    // Only this store writes its directory: there are no changes made behind a grain's back to report.
    public Task WatchAsync(string name, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Unwatch(string name)
    {
    }

    private string ItemDirectory(string name) => DataPaths.ItemDirectory(root, name);

    private string ContentPath(string name, string version) => Path.Combine(ItemDirectory(name), version + ".bin");

    // HTTP dates carry whole seconds; keeping the same precision makes Last-Modified round-trip.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
