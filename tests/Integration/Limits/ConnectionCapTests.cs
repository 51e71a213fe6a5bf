using System.Net;
using System.Text;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Limits;

/// <summary>
/// Both ports hold at most <c>MaxConnections</c> connections, and one address at most
/// <c>MaxConnectionsPerAddress</c>; one more is answered 503 (HTTP: with Retry-After and the JSON
/// error body) and closed, a place is given back when its connection closes, and other
/// addresses are served meanwhile. Loopback addresses (127.0.0.x) stand for separate hosts.
/// </summary>
public sealed class ConnectionCapTests(CappedSiloFixture fixture) : IClassFixture<CappedSiloFixture>
{
    [SkippableFact]
    public async Task Http_OneAddressPastItsCap_Gets503WithRetryAfterAndJson_OtherAddressesPlay()
    {
        var (wav, path) = await UploadAsync("prompts/capped");
        var crowd = IPAddress.Parse("127.0.0.20");
        var held = await HoldAsync(fixture.Silo.HttpPort, crowd, CappedSiloFixture.MaxPerAddress);

        await using (var refused = await RawConnection.OpenAsync(fixture.Silo.HttpPort, crowd))
        {
            await refused.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var head = await refused.ReadHeadAsync();
            Assert.Equal(503, RawConnection.StatusOf(head));
            Assert.Equal("7", RawConnection.HeaderOf(head, "Retry-After"));
            using var body = JsonDocument.Parse(await refused.ReadBodyOfAsync(head));
            Assert.Equal("too_many_connections", body.RootElement.GetProperty("error").GetString());
            Assert.True(await refused.ClosedByServerAsync());
        }

        await using (var other = await RawConnection.OpenAsync(fixture.Silo.HttpPort, IPAddress.Parse("127.0.0.21")))
        {
            await other.SendAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var head = await other.ReadHeadAsync();
            Assert.Equal(200, RawConnection.StatusOf(head));
            Assert.Equal(wav, await other.ReadBodyOfAsync(head));
        }

        Assert.Contains("HTTP port refusing connections (503)", fixture.Silo.Output, StringComparison.Ordinal);

        // A closed connection gives its place back.
        await held[0].DisposeAsync();
        await AssertServedSoonAsync(crowd, path);
        await DisposeAllAsync(held[1..]);
    }

    [SkippableFact]
    public async Task Http_PortPastItsCap_Gets503FromAnyAddress()
    {
        var held = new List<RawConnection>();
        string? refusal = null;
        for (var i = 0; i <= CappedSiloFixture.MaxConnections && refusal is null; i++)
        {
            // One connection per address: only the port's cap can refuse them.
            var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort, IPAddress.Parse($"127.0.1.{i + 1}"));
            await connection.SendAsync("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var head = await connection.ReadHeadAsync();
            if (RawConnection.StatusOf(head) == 503)
            {
                refusal = Encoding.UTF8.GetString(await connection.ReadBodyOfAsync(head));
                await connection.DisposeAsync();
            }
            else
            {
                Assert.Equal(200, RawConnection.StatusOf(head));
                await connection.ReadBodyOfAsync(head);
                held.Add(connection);
            }
        }

        Assert.True(refusal is not null, $"{held.Count} connections held, none refused");
        Assert.Contains("the port holds", refusal, StringComparison.Ordinal);
        await DisposeAllAsync(held);
    }

    [SkippableFact]
    public async Task Shout_OneAddressPastItsCap_GetsHttp10Status503()
    {
        var crowd = IPAddress.Parse("127.0.0.30");
        var held = await HoldAsync(fixture.Silo.ShoutPort, crowd, CappedSiloFixture.MaxPerAddress);

        await using (var refused = await RawConnection.OpenAsync(fixture.Silo.ShoutPort, crowd))
        {
            await refused.SendAsync("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var head = await refused.ReadHeadAsync();
            Assert.StartsWith("HTTP/1.0 503 ", head, StringComparison.Ordinal);
            Assert.Equal("7", RawConnection.HeaderOf(head, "Retry-After"));
            Assert.True(await refused.ClosedByServerAsync());
        }

        await using (var other = await RawConnection.OpenAsync(fixture.Silo.ShoutPort, IPAddress.Parse("127.0.0.31")))
        {
            await other.SendAsync("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            Assert.Equal(200, RawConnection.StatusOf(await other.ReadHeadAsync()));
        }

        await DisposeAllAsync(held);
    }

    // Connections that were admitted (each answered one request) and stay open: each holds a
    // place. Waiting for the answer makes sure the silo counted them before the next one comes.
    private async Task<RawConnection[]> HoldAsync(int port, IPAddress source, int count)
    {
        var request = port == fixture.Silo.ShoutPort
            ? "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            : "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        var held = new RawConnection[count];
        for (var i = 0; i < count; i++)
        {
            held[i] = await RawConnection.OpenAsync(port, source);
            await held[i].SendAsync(request);
            var head = await held[i].ReadHeadAsync();
            Assert.Equal(200, RawConnection.StatusOf(head));
            await held[i].ReadBodyOfAsync(head);
        }

        return held;
    }

    private static async Task DisposeAllAsync(IEnumerable<RawConnection> connections)
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    // The server sees a close a moment after the client makes it: a bounded wait for the place.
    private async Task AssertServedSoonAsync(IPAddress source, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var connection = await RawConnection.OpenAsync(fixture.Silo.HttpPort, source);
            await connection.SendAsync($"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var status = RawConnection.StatusOf(await connection.ReadHeadAsync());
            if (status == 200)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the closed connection's place was not given back (still {status})");
            await Task.Delay(100);
        }
    }

    private async Task<(byte[] Wav, string Path)> UploadAsync(string name)
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync(name, wav, "audio/wav")).Status);
        return (wav, new Uri(await fixture.Api.StreamUrlAsync(name)).AbsolutePath);
    }
}
