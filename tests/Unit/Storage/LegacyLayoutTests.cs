using Microsoft.Extensions.Logging.Abstractions;
using MediaOrleans.Silo.Storage;

namespace MediaOrleans.Tests.Storage;

/// <summary>Data written in the earlier suffix layout is still found once the silo has started.</summary>
public sealed class LegacyLayoutTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mo-legacy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task OldMediaItems_NestedOnesIncluded_AreFoundAfterOpening()
    {
        var media = Path.Combine(_root, "media");
        WriteOldMedia(media, "n/a", "v1", [1]);
        WriteOldMedia(media, "n/a.media/x", "v2", [2]);
        WriteOldMedia(media, "top", "v3", [3]);

        var roots = DataRoots.Open(media, Path.Combine(_root, "recordings"), NullLogger.Instance);

        var store = new DirectoryMediaStore(roots.Media, TimeProvider.System);
        var names = new List<string>();
        await foreach (var name in new DirectoryMediaCatalog(roots.Media).ListNamesAsync(null))
        {
            names.Add(name);
        }

        Assert.Equal(["n/a", "n/a.media/x", "top"], names);
        Assert.Equal(new byte[] { 2 }, await ReadAsync(store, "n/a.media/x", "v2"));
        Assert.Equal(new byte[] { 1 }, await ReadAsync(store, "n/a", "v1"));
        Assert.False(Directory.Exists(Path.Combine(media, "top.media")));
        Assert.Equal(0, LegacyLayout.MoveMedia(media));
    }

    [Fact]
    public async Task OldRecordings_AreFoundWithTheirBytesAfterOpening()
    {
        var recordings = Path.Combine(_root, "recordings");
        Directory.CreateDirectory(Path.Combine(recordings, "vm", "1234"));
        var record = """{"name":"vm/1234/msg-1","state":"Complete","user":"u","passwordHash":"h","maxSeconds":60,"allocatedAt":"2026-01-01T00:00:00+00:00"}""";
        await File.WriteAllTextAsync(Path.Combine(recordings, "vm", "1234", "msg-1.json"), record);
        await File.WriteAllBytesAsync(Path.Combine(recordings, "vm", "1234", "msg-1.mp3"), [9, 9, 9, 9]);

        var roots = DataRoots.Open(Path.Combine(_root, "media"), recordings, NullLogger.Instance);

        var spool = new FileRecordingSpool(roots.Recordings);
        Assert.Equal("vm/1234/msg-1", (await spool.LoadAsync("vm/1234/msg-1"))!.Name);
        Assert.Equal(4, spool.GetLength("vm/1234/msg-1"));
        Assert.False(File.Exists(Path.Combine(recordings, "vm", "1234", "msg-1.json")));
        Assert.Equal(0, LegacyLayout.MoveRecordings(recordings));
    }

    private static void WriteOldMedia(string root, string name, string version, byte[] content)
    {
        var directory = Path.Combine(root, name + ".media");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, version + ".bin"), content);
        File.WriteAllText(Path.Combine(directory, "meta.json"),
            $$$"""{"name":"{{{name}}}","version":"{{{version}}}","contentType":"audio/wav","length":{{{content.Length}}},"lastModified":"2026-01-01T00:00:00+00:00","audio":{"codec":"pcm","sampleRate":8000,"channels":1,"durationMs":1,"bitrate":1}}""");
    }

    private static async Task<byte[]> ReadAsync(DirectoryMediaStore store, string name, string version)
    {
        Assert.NotNull(await store.GetVersionAsync(name, version));
        await using var stream = await store.OpenReadAsync(name, version);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }
}
