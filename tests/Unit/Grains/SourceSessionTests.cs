using MediaOrleans.Grains.Recordings;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Tests.Audio;

namespace MediaOrleans.Tests.Grains;

public sealed class SourceSessionTests : IDisposable
{
    private static readonly DateTimeOffset Admitted = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("mediaorleans-source-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void NewSession_AdmitsItsOwnIdOnly()
    {
        var session = new SourceSession(new FileRecordingSpool(_root).OpenWriter("calls/session"), Admitted);

        Assert.NotEqual(Guid.Empty, session.Id);
        Assert.True(session.Admits(session.Id));
        Assert.False(session.Admits(Guid.NewGuid()));
        Assert.False(session.Admits(Guid.Empty));
        Assert.Equal(Admitted, session.LastHeard);
    }

    [Fact]
    public async Task AppendAsync_SpoolsMetersAndHearsTheSource()
    {
        var spool = new FileRecordingSpool(_root);
        var session = new SourceSession(spool.OpenWriter("calls/session-append"), Admitted);
        var audio = Mp3Builder.Mpeg25Frames(10);

        await session.AppendAsync(audio.AsMemory(0, 500), Admitted.AddSeconds(1));
        await session.AppendAsync(audio.AsMemory(500), Admitted.AddSeconds(2));
        await session.CloseAsync();

        Assert.Equal(Admitted.AddSeconds(2), session.LastHeard);
        Assert.Equal(720, session.DurationMs);
        var spooled = new byte[audio.Length + 10];
        Assert.Equal(audio.Length, await spool.ReadAsync("calls/session-append", 0, spooled));
        Assert.Equal(audio, spooled[..audio.Length]);
    }

    [Fact]
    public async Task CloseAsync_AdmitsNothingMore_AndKeepsTheDuration()
    {
        var session = new SourceSession(new FileRecordingSpool(_root).OpenWriter("calls/session-close"), Admitted);
        await session.AppendAsync(Mp3Builder.Mpeg25Frames(5), Admitted);
        var id = session.Id;

        await session.CloseAsync();
        await session.CloseAsync();

        Assert.False(session.Admits(id));
        Assert.False(session.Admits(Guid.Empty));
        Assert.Equal(360, session.DurationMs);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.AppendAsync(new byte[10], Admitted).AsTask());
    }

    [Fact]
    public async Task CutBack_OnASpoolOpenedAgain_KeepsExactlyTheConfirmedBytes()
    {
        // A session taken over by a new activation appends to a spool that already holds bytes.
        var spool = new FileRecordingSpool(_root);
        var earlier = new SourceSession(spool.OpenWriter("calls/session-cut"), Admitted);
        await earlier.AppendAsync(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray(), Admitted);
        await earlier.CloseAsync();
        var session = new SourceSession(spool.OpenWriter("calls/session-cut"), Admitted, earlier.Id);
        await session.AppendAsync(Enumerable.Range(100, 50).Select(i => (byte)i).ToArray(), Admitted);

        session.CutBack(120);
        await session.CloseAsync();

        Assert.Equal(120, spool.GetLength("calls/session-cut"));
        var spooled = new byte[200];
        Assert.Equal(120, await spool.ReadAsync("calls/session-cut", 0, spooled));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (byte)i), spooled[..120]);
    }
}
