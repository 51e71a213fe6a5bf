using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage;

namespace MediaOrleans.Tests.Storage;

/// <summary>
/// Names that are prefixes of each other, or that end like the store's own file names, stay
/// separate items on disk: writing, reading or removing one never touches another.
/// </summary>
public sealed class DirectoryNamesTests : IDisposable
{
    private static readonly AudioFormat Audio = new("pcm", 8000, 1, 1000, 128_000);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mo-names-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Delete_OfANameThatNeverExisted_RemovesNothing_AndSaysSo()
    {
        var store = new DirectoryMediaStore(_root, TimeProvider.System);
        var catalog = new DirectoryMediaCatalog(_root);
        await store.PutAsync("n/a.media/x", "audio/wav", new byte[] { 1, 2, 3 }, Audio);

        var deleted = await catalog.DeleteAsync("n/a");

        Assert.False(deleted);
        Assert.NotNull(await store.GetInfoAsync("n/a.media/x"));
        Assert.Equal(["n/a.media/x"], await ListAsync(catalog));
    }

    [Fact]
    public async Task Delete_RemovesExactlyThatItem_NotOnesNamedBelowIt()
    {
        var store = new DirectoryMediaStore(_root, TimeProvider.System);
        var catalog = new DirectoryMediaCatalog(_root);
        await store.PutAsync("n/a", "audio/wav", new byte[] { 1 }, Audio);
        await store.PutAsync("n/a.media/x", "audio/wav", new byte[] { 2 }, Audio);
        await store.PutAsync("n/a/b", "audio/wav", new byte[] { 3 }, Audio);

        Assert.True(await catalog.DeleteAsync("n/a"));

        Assert.Null(await store.GetInfoAsync("n/a"));
        Assert.Equal(["n/a.media/x", "n/a/b"], await ListAsync(catalog));
        Assert.Equal(new byte[] { 2 }, await ReadAllAsync(store, "n/a.media/x"));
        Assert.Equal(new byte[] { 3 }, await ReadAllAsync(store, "n/a/b"));
    }

    [Fact]
    public async Task MediaItems_NamedLikeTheStoresOwnFiles_AreSeparateItems()
    {
        var store = new DirectoryMediaStore(_root, TimeProvider.System);
        var catalog = new DirectoryMediaCatalog(_root);
        var first = await store.PutAsync("p", "audio/wav", new byte[] { 1 }, Audio);
        string[] others = ["p.media/meta.json", $"p.media/{first.Version}.bin", "p/meta.json", "p.media"];
        foreach (var (name, i) in others.Select((n, i) => (n, i)))
        {
            await store.PutAsync(name, "audio/wav", new byte[] { (byte)(10 + i) }, Audio);
        }

        Assert.Equal(new byte[] { 1 }, await ReadAllAsync(store, "p"));
        foreach (var (name, i) in others.Select((n, i) => (n, i)))
        {
            Assert.Equal(new byte[] { (byte)(10 + i) }, await ReadAllAsync(store, name));
        }

        Assert.Equal(others.Append("p").Order(StringComparer.Ordinal), await ListAsync(catalog));
    }

    [Theory]
    [InlineData("c.mp3/d")]
    [InlineData("c.json/d")]
    public async Task Recordings_NamedBelowAnotherWithItsSuffix_DoNotCollide(string other)
    {
        var spool = new FileRecordingSpool(_root);
        await SaveWithAudioAsync(spool, "c", [1, 2, 3]);

        await SaveWithAudioAsync(spool, other, [4, 5]);

        Assert.Equal("c", (await spool.LoadAsync("c"))!.Name);
        Assert.Equal(other, (await spool.LoadAsync(other))!.Name);
        Assert.Equal(3, spool.GetLength("c"));
        Assert.Equal(2, spool.GetLength(other));
        var listed = new List<string>();
        await foreach (var record in spool.ListAsync())
        {
            listed.Add(record.Name);
        }

        Assert.Equal(new[] { "c", other }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Recordings_AllocatedInEitherOrder_DoNotCollide()
    {
        var spool = new FileRecordingSpool(_root);
        await SaveWithAudioAsync(spool, "c.mp3/d", [4, 5]);

        await SaveWithAudioAsync(spool, "c", [1, 2, 3]);

        Assert.Equal(3, spool.GetLength("c"));
        Assert.Equal(2, spool.GetLength("c.mp3/d"));
    }

    private static async Task SaveWithAudioAsync(FileRecordingSpool spool, string name, byte[] audio)
    {
        await spool.SaveAsync(new RecordingRecord(name, RecordingState.Allocated, "u", "h", 60, DateTimeOffset.UnixEpoch));
        await using var writer = spool.OpenWriter(name);
        await writer.AppendAsync(audio);
    }

    private static async Task<List<string>> ListAsync(DirectoryMediaCatalog catalog)
    {
        var names = new List<string>();
        await foreach (var name in catalog.ListNamesAsync(null))
        {
            names.Add(name);
        }

        return names;
    }

    private static async Task<byte[]> ReadAllAsync(DirectoryMediaStore store, string name)
    {
        var info = await store.GetInfoAsync(name);
        Assert.True(info is not null, $"{name} is not in the store");
        await using var stream = await store.OpenReadAsync(name, info.Version);
        Assert.True(stream is not null, $"{name} has no content");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
