using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Shout;

/// <summary>
/// Kazoo's <c>Stream-Type: extant</c>: one real-time MP3 stream per item that many mod_shout
/// listeners join mid-stream. 500 listeners join at random times while one never reads; each
/// gets a burst, then frames at the pace of the audio, starting on a frame boundary.
/// </summary>
public sealed class LiveStreamTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private const int Listeners = 500;
    // About 3 s of 16 kbps audio (the 500 ms burst and 2.5 s more): enough to see the pacing.
    private const int Frames = 40;
    // Each listener's bytes arrive well within this on any machine; it only guards against a hang.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task FiveHundredListeners_JoiningAtRandomTimes_GetFrameAlignedRealTimeMp3_DespiteAStalledOne()
    {
        Requirements.Tools("mpg123");
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        await fixture.Api.UploadAsync("prompts/hold-music", mp3, "audio/mpeg");
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "prompts/hold-music", streamType = "extant" });
        Assert.Equal(200, status);
        var url = new Uri(stream.GetProperty("url").GetString()!.Replace("shout://", "http://", StringComparison.Ordinal));
        Assert.StartsWith("/c/", url.AbsolutePath, StringComparison.Ordinal);

        // A listener that connects and never reads: its queue fills, and nobody may wait for it.
        using var stalled = new TcpClient { ReceiveBufferSize = 1024 };
        await stalled.ConnectAsync("127.0.0.1", fixture.Silo.ShoutPort);
        await stalled.GetStream().WriteAsync(Request(url));

        var random = new Random(7);
        var delays = Enumerable.Range(0, Listeners).Select(_ => TimeSpan.FromMilliseconds(random.Next(0, 2000))).ToArray();
        var heard = await Task.WhenAll(delays.Select(delay => ListenAsync(url, delay)));

        output.WriteLine($"{Listeners} listeners, {Frames} frames each: quickest in {heard.Min(h => h.Took).TotalMilliseconds:F0} ms, " +
                         $"slowest in {heard.Max(h => h.Took).TotalMilliseconds:F0} ms ({Frames * CallFrames.Milliseconds} ms of audio)");
        // Whole frames from the first body byte, one after the other.
        Assert.All(heard, h => Assert.Equal(Frames, CallFrames.FromStart(h.Body.AsSpan(0, Frames * CallFrames.Bytes))));
        // Real time: beyond the burst (the default 500 ms: 7 frames) a frame is sent only once it is due, so no
        // listener can have more than the burst plus the frames its wait covered, plus one for the
        // frame in progress and one for the pacing tick's rounding. A loaded machine only makes the
        // wait longer, so this cannot fail by slowness; it fails if the stream runs ahead.
        Assert.All(heard, h =>
        {
            var due = 7 + (int)(h.Took.TotalMilliseconds / CallFrames.Milliseconds) + 2;
            Assert.True(Frames <= due, $"{Frames} frames arrived in {h.Took.TotalMilliseconds:F0} ms: faster than real time (at most {due})");
        });

        foreach (var body in heard.Where((_, i) => i % 25 == 0).Select(h => h.Body))
        {
            var file = Path.GetTempFileName();
            await File.WriteAllBytesAsync(file, body[..(Frames * CallFrames.Bytes)]);
            var pcm = await ProcessRunner.RunAsync("mpg123", ["-q", "-s", file], TimeSpan.FromSeconds(30));
            File.Delete(file);
            Assert.True(pcm.ExitCode == 0, pcm.Stderr);
            Assert.Equal(Frames * 576 * 2, pcm.Stdout.Length);
        }
    }

    // Joins after the delay and reads until the head and Frames whole frames have arrived; the
    // body and the time from sending the request to the last of those bytes.
    private async Task<(byte[] Body, TimeSpan Took)> ListenAsync(Uri url, TimeSpan delay)
    {
        await Task.Delay(delay);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Silo.ShoutPort);
        var network = client.GetStream();
        var clock = Stopwatch.StartNew();
        await network.WriteAsync(Request(url));
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        using var deadline = new CancellationTokenSource(Deadline);
        var headEnd = -1;
        while (headEnd < 0 || received.Length - (headEnd + 4) < Frames * CallFrames.Bytes)
        {
            int read;
            try
            {
                read = await network.ReadAsync(buffer, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                read = -1;
            }

            Assert.True(read > 0, $"the stream {(read == 0 ? "ended" : "stalled")} after {received.Length} B (head and {Frames} frames expected within {Deadline})");
            received.Write(buffer, 0, read);
            headEnd = headEnd < 0 ? received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8) : headEnd;
        }

        var took = clock.Elapsed;
        var all = received.ToArray();
        Assert.StartsWith("HTTP/1.0 200 OK", Encoding.ASCII.GetString(all, 0, Math.Min(all.Length, 200)), StringComparison.Ordinal);
        return (all[(headEnd + 4)..], took);
    }

    private static byte[] Request(Uri url) => Encoding.ASCII.GetBytes(
        $"GET {url.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: FreeSWITCH(mod_shout)/1.0\r\nAccept: */*\r\n\r\n");
}
