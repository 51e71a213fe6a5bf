using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Shout;

/// <summary>
/// Kazoo's <c>Stream-Type: extant</c>: one real-time MP3 stream per item that many mod_shout
/// listeners join mid-stream. 500 listeners join at random times while one never reads.
/// </summary>
public sealed class LiveStreamTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private const int Listeners = 500;
    private static readonly TimeSpan Listen = TimeSpan.FromSeconds(2);

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
        var bodies = await Task.WhenAll(delays.Select(delay => ListenAsync(url, delay)));

        var shortest = bodies.Min(body => body.Length);
        output.WriteLine($"{Listeners} listeners, {Listen.TotalSeconds} s each: shortest body {shortest} B, longest {bodies.Max(b => b.Length)} B");
        // 2 s of 16 kbps is 4,000 B plus the burst; a listener held up by the stalled one would get far less.
        Assert.All(bodies, body => Assert.True(body.Length >= 3000, $"only {body.Length} B in {Listen}"));
        Assert.All(bodies, body => Assert.True(WholeFrames(body) > 20, "body does not start on a frame boundary"));

        foreach (var body in bodies.Where((_, i) => i % 25 == 0))
        {
            var frames = WholeFrames(body);
            var file = Path.GetTempFileName();
            await File.WriteAllBytesAsync(file, body[..(frames * 144)]);
            var pcm = await ProcessRunner.RunAsync("mpg123", ["-q", "-s", file], TimeSpan.FromSeconds(30));
            File.Delete(file);
            Assert.True(pcm.ExitCode == 0, pcm.Stderr);
            Assert.Equal(frames * 576 * 2, pcm.Stdout.Length);
        }
    }

    private async Task<byte[]> ListenAsync(Uri url, TimeSpan delay)
    {
        await Task.Delay(delay);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Silo.ShoutPort);
        var network = client.GetStream();
        await network.WriteAsync(Request(url));
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(Listen);
        try
        {
            int read;
            while ((read = await network.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
        }

        var all = received.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, Math.Min(all.Length, 200));
        Assert.StartsWith("HTTP/1.0 200 OK", head, StringComparison.Ordinal);
        var bodyStart = head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return all[bodyStart..];
    }

    private static byte[] Request(Uri url) => Encoding.ASCII.GetBytes(
        $"GET {url.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: FreeSWITCH(mod_shout)/1.0\r\nAccept: */*\r\n\r\n");

    // Number of whole 144-byte MPEG-2.5 16 kbps frames from the start; 0 if the start is not a frame.
    private static int WholeFrames(byte[] body)
    {
        var frames = 0;
        for (var position = 0; position + 144 <= body.Length; position += 144)
        {
            if (body[position] != 0xFF || body[position + 1] != 0xE3 || body[position + 2] != 0x28)
            {
                return frames == 0 ? 0 : frames;
            }

            frames++;
        }

        return frames;
    }
}
