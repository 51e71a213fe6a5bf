using System.Net.Sockets;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>
/// A continuous-stream listener hanging up is ordinary (every call that leaves hold music): it is
/// logged at Debug without a stack trace, never as an error any listener could flood the log with.
/// </summary>
public sealed class ListenerHangUpTests(DefaultLimitsSiloFixture fixture) : IClassFixture<DefaultLimitsSiloFixture>
{
    [SkippableFact]
    public async Task ContinuousStreamListenerHangingUp_LogsNoError()
    {
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await fixture.Api.UploadAsync("prompts/hold", mp3, "audio/mpeg")).Status);
        var (status, stream) = await fixture.Api.StreamAsync(new { mediaName = "prompts/hold", streamType = "extant" });
        Assert.Equal(200, status);
        var url = new Uri(stream.GetProperty("url").GetString()!.Replace("shout://", "http://", StringComparison.Ordinal));

        for (var i = 0; i < 5; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", fixture.Silo.ShoutPort);
            var network = client.GetStream();
            await network.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.0\r\nUser-Agent: mod_shout\r\n\r\n"));
            var buffer = new byte[4096];
            Assert.True(await network.ReadAsync(buffer) > 0);
            // A hang-up as a phone's: reset, so the stream's next send fails at once.
            client.LingerState = new LingerOption(true, 0);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Count(fixture.Silo.Output, "Connection closed by the client") < 5 && !fixture.Silo.Output.Contains("fail:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the hang-ups were never noticed\n{fixture.Silo.Output}");
            await Task.Delay(100);
        }

        Assert.DoesNotContain("fail:", fixture.Silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SocketException", fixture.Silo.Output, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;
}
