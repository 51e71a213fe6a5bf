using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// The first bytes of a large attachment reach the player while the silo still has only part of
/// it from CouchDB: the grain streams its load instead of waiting for the end. The link to
/// CouchDB holds every answer back after its first MiB until the player has its first bytes, so
/// the order is seen directly rather than timed (the times are measured by
/// bench/couchdb-first-byte.sh).
/// </summary>
public sealed class CouchDbFirstByteTests(ThrottledCouchDbFixture fixture, ITestOutputHelper output)
    : IClassFixture<ThrottledCouchDbFixture>
{
    private const int AttachmentBytes = 16 * 1024 * 1024;
    private const int HeldAfterBytes = 1024 * 1024;
    private const int FirstBytes = 64 * 1024;
    // Only guards against a hang: a cold load on a loaded machine takes a few seconds at most.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task ColdFirstBytes_ReachThePlayer_WhileCouchDbHasSentOnlyPartOfTheAttachment()
    {
        var wav = await CouchMediaFiles.LargeWavAsync(AttachmentBytes);
        await fixture.Couch.PutAttachmentAsync("system_media", "first-byte", "first-byte.wav", null, wav, "audio/wav");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        // Three names of the same attachment: three grains, so three cold loads from CouchDB.
        foreach (var name in new[] { "system_media/first-byte", "first-byte", "system_media/first-byte/first-byte.wav" })
        {
            var url = new Uri(await fixture.Api.StreamUrlAsync(name));
            using var deadline = new CancellationTokenSource(Deadline);
            fixture.Link.HoldAnswersAfter(HeldAfterBytes);
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Equal(wav.Length, response.Content.Headers.ContentLength);
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);

                var first = new byte[FirstBytes];
                var got = await ReadAsync(body, first, deadline.Token);
                Assert.True(got == FirstBytes,
                    $"{name}: the player got {got} B within {Deadline.TotalSeconds} s while CouchDB's answer was held after " +
                    $"{HeldAfterBytes} B: the silo waits for more of the attachment before sending\n{fixture.Silo.Output}");
                // The bytes came while the load from CouchDB was under way and held: the relay has
                // passed at most 1 MiB (and one 16 KiB piece) of the 16 MiB, and holds the rest.
                await fixture.Link.Holding.WaitAsync(deadline.Token);

                fixture.Link.Release();
                using var all = new MemoryStream();
                all.Write(first);
                await body.CopyToAsync(all, deadline.Token);
                Assert.Equal(wav, all.ToArray());
                output.WriteLine($"{name}: {FirstBytes} B played while CouchDB's answer was held after {HeldAfterBytes} B; then all {wav.Length} B, byte-exact");
            }
            finally
            {
                fixture.Link.Release();
            }
        }
    }

    // Reads until buffer is full, the body ends or the deadline passes; the bytes read.
    private static async Task<int> ReadAsync(Stream body, byte[] buffer, CancellationToken deadline)
    {
        var filled = 0;
        try
        {
            int read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), deadline)) > 0)
            {
                filled += read;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return filled;
    }
}
