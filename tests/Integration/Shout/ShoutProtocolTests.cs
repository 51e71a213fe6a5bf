using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Shout;

/// <summary>Byte-level answers of the SHOUT listener to what libshout, ffmpeg and bad clients send.</summary>
public sealed class ShoutProtocolTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [SkippableFact]
    public async Task LibshoutPhases_OnOneConnection_OptionsThen401ThenAcceptedSource()
    {
        var url = await AllocateAsync();
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: libshout/2.4.6\r\nConnection: Upgrade\r\nUpgrade: TLS/1.0, HTTP/1.1\r\n\r\n");
        var options = await connection.ReadHeadAsync();
        await connection.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nHost: 127.0.0.1\r\nUser-Agent: libshout/2.4.6\r\nContent-Type: audio/mpeg\r\nConnection: Keep-Alive\r\nice-public: 0\r\nContent-Length: 0\r\n\r\n");
        var challenge = await connection.ReadHeadAsync();
        await connection.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nAuthorization: Basic {Basic(url)}\r\nHost: 127.0.0.1\r\nContent-Type: audio/mpeg\r\n\r\n");
        var accepted = await connection.ReadHeadAsync();

        Assert.Equal(200, RawConnection.StatusOf(options));
        Assert.Contains("PUT", options, StringComparison.Ordinal);
        Assert.Equal(401, RawConnection.StatusOf(challenge));
        Assert.Contains("WWW-Authenticate: Basic realm=", challenge, StringComparison.Ordinal);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", accepted);
    }

    [SkippableFact]
    public async Task AuthenticatedSourceWithoutHost_IsAccepted()
    {
        var url = await AllocateAsync();
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        // libshout 2.2.2 sends one authenticated SOURCE and no Host header.
        await connection.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nAuthorization: Basic {Basic(url)}\r\nContent-Type: audio/mpeg\r\n\r\n");

        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await connection.ReadHeadAsync());
    }

    [SkippableFact]
    public async Task PutWithExpectContinue_IsAcceptedAtOnce()
    {
        var url = await AllocateAsync();
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync($"PUT {url.Mount} HTTP/1.1\r\nAuthorization: Basic {Basic(url)}\r\nHost: 127.0.0.1\r\nContent-Type: audio/mpeg\r\nExpect: 100-continue\r\n\r\n");

        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await connection.ReadHeadAsync());
    }

    [SkippableFact]
    public async Task SourceWhileReceiving_Answers403()
    {
        var url = await AllocateAsync();
        await using var first = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);
        await first.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nAuthorization: Basic {Basic(url)}\r\n\r\n");
        Assert.Equal(200, RawConnection.StatusOf(await first.ReadHeadAsync()));

        await using var second = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);
        await second.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nAuthorization: Basic {Basic(url)}\r\n\r\n");

        Assert.Equal(403, RawConnection.StatusOf(await second.ReadHeadAsync()));
    }

    [SkippableFact]
    public async Task WrongCredentials_Answer401()
    {
        var url = await AllocateAsync();
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync($"SOURCE {url.Mount} HTTP/1.0\r\nAuthorization: Basic {Basic(url.WithPassword("nope"))}\r\n\r\n");

        Assert.Equal(401, RawConnection.StatusOf(await connection.ReadHeadAsync()));
    }

    [SkippableFact]
    public async Task OversizeHead_Answers431AndCloses()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("SOURCE /rec/x.mp3 HTTP/1.0\r\nice-description: " + new string('a', 9000) + "\r\n\r\n");

        Assert.Equal(431, RawConnection.StatusOf(await connection.ReadHeadAsync()));
        Assert.True(await connection.ClosedByServerAsync());
    }

    [SkippableFact]
    public async Task SlowHead_Answers408AfterTheHeadTimeout()
    {
        // Started before connecting, so it can only measure more than the silo's own timer
        // (SiloFixture sets 2 s): a loaded machine makes the wait longer, never shorter.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("SOURCE /rec/x.mp3 HTTP/1.0\r\nHost: 127.0.0.1\r\n");
        var head = await connection.ReadHeadAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(408, RawConnection.StatusOf(head));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"408 after {clock.Elapsed.TotalMilliseconds:F0} ms, before the 2 s head timeout");
    }

    [SkippableFact]
    public async Task UnknownMethod_Answers405WithAllow()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("DELETE /rec/x.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(405, RawConnection.StatusOf(head));
        Assert.Contains("Allow: ", head, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GarbageRequestLine_Answers400()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("\u0001\u0002 nonsense\r\n\r\n");

        Assert.Equal(400, RawConnection.StatusOf(await connection.ReadHeadAsync()));
    }

    [SkippableFact]
    public async Task PlaybackWithBadSignature_Answers403WithEmptyBody_NeverIcy()
    {
        await using var connection = await RawConnection.OpenAsync(fixture.Silo.ShoutPort);

        await connection.SendAsync("GET /m/v1/9999999999/AAAAAAAAAAAAAAAAAAAAAA/x.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: FreeSWITCH(mod_shout)/1.0\r\n\r\n");
        var head = await connection.ReadHeadAsync();

        Assert.Equal(403, RawConnection.StatusOf(head));
        Assert.StartsWith("HTTP/1.", head, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 0", head, StringComparison.Ordinal);
    }

    private async Task<ShoutUrl> AllocateAsync()
    {
        var (status, allocation) = await fixture.Api.AllocateRecordingAsync(new { maxSeconds = 60 });
        Assert.Equal(201, status);
        return ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);
    }

    private static string Basic(ShoutUrl url) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{url.User}:{url.Password}"));
}
