using System.Net.Http.Headers;
using System.Text;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>A silo with API keys: who may call which admin route, and what each caller sees.</summary>
public sealed class ApiKeyAccessTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>
{
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "PUT", "api/media/system_media/vm-enter_pass" },
        { "GET", "api/media" },
        { "GET", "api/media/system_media/vm-enter_pass" },
        { "DELETE", "api/media/system_media/vm-enter_pass" },
        { "GET", "api/recordings" },
        { "POST", "api/streams" },
        { "POST", "api/recordings" },
        { "GET", "api/recordings/rec-1" },
        { "POST", "api/recordings/rec-1/store" },
        { "GET", "api/silo" },
    };

    [SkippableTheory]
    [MemberData(nameof(AdminRoutes))]
    public async Task EveryAdminRoute_WithoutAValidKey_Is401WithABearerChallenge(string method, string path)
    {
        foreach (var authorization in new string?[] { null, "Bearer not-a-configured-key-at-all", "Basic b3BzOnNlY3JldA==", "Bearer " })
        {
            using var request = JsonRequest(method, path, "{}");
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var (status, headers, body) = await fixture.Anonymous.SendAsync(request);

            Assert.True(status == 401, $"{method} {path} with '{authorization}' answered {status}: {body}");
            Assert.Equal("Bearer", Assert.Single(headers.WwwAuthenticate).Scheme);
            Assert.Equal("unauthorized", body.GetProperty("error").GetString());
            Assert.Contains("Authorization: Bearer", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Health_IsOpenWithoutAKey()
    {
        var (status, body) = await fixture.Anonymous.GetAsync("api/health");

        Assert.Equal(200, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task ReaderKey_PutAndDelete_Are403_AndTheItemIsUnchanged()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var mp3 = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        Assert.Equal(200, (await fixture.Writer.UploadAsync("access/reader-target", wav, "audio/wav")).Status);
        var (_, before) = await fixture.Reader.GetMediaAsync("access/reader-target");

        var (putStatus, putBody) = await fixture.Reader.UploadAsync("access/reader-target", mp3, "audio/mpeg");
        var (deleteStatus, deleteBody) = await fixture.Reader.DeleteMediaAsync("access/reader-target");

        Assert.Equal(403, putStatus);
        Assert.Equal(403, deleteStatus);
        Assert.Equal("forbidden", putBody.GetProperty("error").GetString());
        Assert.Contains("role reader", deleteBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("needs role writer", deleteBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (afterStatus, after) = await fixture.Reader.GetMediaAsync("access/reader-target");
        Assert.Equal(200, afterStatus);
        Assert.Equal(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.Equal("pcm", after.GetProperty("codec").GetString());
    }

    [SkippableFact]
    public async Task ReaderKey_ReadsAndAsksForStreams()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Admin.UploadAsync("access/readable", wav, "audio/wav")).Status);

        Assert.Equal(200, (await fixture.Reader.GetAsync("api/media?prefix=access/")).Status);
        Assert.Equal(200, (await fixture.Reader.GetMediaAsync("access/readable")).Status);
        Assert.Equal(200, (await fixture.Reader.GetAsync("api/silo")).Status);
        Assert.Equal(200, (await fixture.Reader.GetAsync("api/recordings")).Status);
        Assert.StartsWith("http://", await fixture.Reader.StreamUrlAsync("access/readable"), StringComparison.Ordinal);
        Assert.Equal(403, (await fixture.Reader.AllocateRecordingAsync()).Status);
    }

    [SkippableFact]
    public async Task WriterKey_PutAndDelete_Work()
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        Assert.Equal(200, (await fixture.Writer.UploadAsync("access/writer-target", wav, "audio/wav")).Status);
        Assert.Equal(204, (await fixture.Writer.DeleteMediaAsync("access/writer-target")).Status);
        Assert.Equal(404, (await fixture.Writer.GetMediaAsync("access/writer-target")).Status);
    }

    [SkippableFact]
    public async Task RecordingReviewUrls_OnlyForCallersWhoMayPlayRecordings_AndNoPasswordAnywhere()
    {
        Requirements.Tools("shout");
        var (allocated, ticket) = await fixture.Writer.AllocateRecordingAsync(new { name = "access/review-1" });
        Assert.Equal(201, allocated);
        var url = ShoutUrl.Parse(ticket.GetProperty("url").GetString()!);
        var sent = await SourceClients.ShoutCliAsync(url, await AudioFiles.Call8kMp3Async());
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        await WaitForStateAsync("access/review-1", "complete");

        var (_, readerList) = await fixture.Reader.GetAsync("api/recordings?prefix=access/review-");
        var (_, readerOne) = await fixture.Reader.GetRecordingAsync("access/review-1");
        var (_, writerList) = await fixture.Writer.GetAsync("api/recordings?prefix=access/review-");
        var (_, writerOne) = await fixture.Writer.GetRecordingAsync("access/review-1");

        var readerItem = Assert.Single(readerList.GetProperty("items").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, readerItem.GetProperty("playbackUrl").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, readerOne.GetProperty("playbackUrl").ValueKind);
        Assert.Contains("/r/", Assert.Single(writerList.GetProperty("items").EnumerateArray()).GetProperty("playbackUrl").GetString(),
            StringComparison.Ordinal);
        Assert.Contains("/r/", writerOne.GetProperty("playbackUrl").GetString(), StringComparison.Ordinal);
        foreach (var text in new[] { readerList.ToString(), writerList.ToString(), writerOne.ToString(), fixture.Silo.Output })
        {
            Assert.DoesNotContain(url.Password, text, StringComparison.Ordinal);
        }

        foreach (var key in new[] { KeyedSiloFixture.ReaderKey, KeyedSiloFixture.WriterKey, KeyedSiloFixture.AdminKey })
        {
            Assert.DoesNotContain(key, fixture.Silo.Output, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task StoredRecording_CannotBeStoredAgainElsewhere_409()
    {
        Requirements.Tools("shout");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Writer.UploadAsync("access/prompt", wav, "audio/wav")).Status);
        var (_, ticket) = await fixture.Writer.AllocateRecordingAsync(new { name = "access/restore-1" });
        var sent = await SourceClients.ShoutCliAsync(ShoutUrl.Parse(ticket.GetProperty("url").GetString()!), await AudioFiles.Call8kMp3Async());
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        await WaitForStateAsync("access/restore-1", "complete");
        Assert.Equal(200, (await fixture.Writer.StoreRecordingAsync("access/restore-1", "access/vm-1")).Status);

        var (again, sameBody) = await fixture.Writer.StoreRecordingAsync("access/restore-1", "access/vm-1");
        var (elsewhere, body) = await fixture.Writer.StoreRecordingAsync("access/restore-1", "access/prompt");

        Assert.True(again == 200, $"storing again under the same name answered {again}: {sameBody}");
        Assert.Equal(409, elsewhere);
        Assert.Equal("conflict", body.GetProperty("error").GetString());
        Assert.Contains("already stored as 'access/vm-1'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("pcm", (await fixture.Writer.GetMediaAsync("access/prompt")).Body.GetProperty("codec").GetString());
    }

    [SkippableFact]
    public async Task KeyedCallerFromAnotherAddress_IsServed_AndWithoutAKeyIs401()
    {
        Requirements.Tools("curl", "ip");
        await using var space = await NetworkNamespace.CreateAsync();
        var media = $"http://{space.HostAddress}:{fixture.Silo.HttpPort}/api/media";

        var withKey = await space.ExecAsync($"curl -s -o /dev/null -w '%{{http_code}}' -H 'Authorization: Bearer {KeyedSiloFixture.ReaderKey}' {media}",
            TimeSpan.FromSeconds(30));
        var without = await space.ExecAsync($"curl -s -o /dev/null -w '%{{http_code}}' {media}", TimeSpan.FromSeconds(30));

        Assert.True(withKey.StdoutText == "200", $"with a key: {withKey.StdoutText} {withKey.Stderr}");
        Assert.True(without.StdoutText == "401", $"without a key: {without.StdoutText} {without.Stderr}");
    }

    [SkippableFact]
    public async Task Metrics_FromAnotherAddress_WithoutAKeyIs401_WithAReaderKeyIsPrometheusText()
    {
        Requirements.Tools("curl", "ip");
        await using var space = await NetworkNamespace.CreateAsync();
        var metrics = $"http://{space.HostAddress}:{fixture.Silo.HttpPort}/metrics";

        var without = await space.ExecAsync($"curl -s -D /dev/stderr {metrics}", TimeSpan.FromSeconds(30));
        var withKey = await space.ExecAsync($"curl -s -H 'Authorization: Bearer {KeyedSiloFixture.ReaderKey}' {metrics}",
            TimeSpan.FromSeconds(30));
        using var loopback = new HttpRequestMessage(HttpMethod.Get, "metrics");
        var (loopbackStatus, _, loopbackBody) = await fixture.Anonymous.SendAsync(loopback);

        Assert.Contains(" 401", without.Stderr, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Bearer", without.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mediaorleans_", without.StdoutText, StringComparison.Ordinal);
        Assert.Contains("# TYPE mediaorleans_cache_limit_bytes gauge", withKey.StdoutText, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", withKey.StdoutText, StringComparison.Ordinal);
        // With keys configured, loopback needs one too.
        Assert.Equal(401, loopbackStatus);
        Assert.Equal("unauthorized", loopbackBody.GetProperty("error").GetString());
    }

    private static HttpRequestMessage JsonRequest(string method, string path, string json)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return request;
    }

    private async Task WaitForStateAsync(string name, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            var (_, recording) = await fixture.Writer.GetRecordingAsync(name);
            seen = recording.ValueKind == System.Text.Json.JsonValueKind.Object ? recording.GetProperty("state").GetString() : null;
            if (seen == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"recording '{name}' did not become {state} within 30 s (last: {seen})");
    }
}
