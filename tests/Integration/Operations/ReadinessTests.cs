using System.Net;
using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Operations;

/// <summary>
/// <c>/health/ready</c> follows what the silo depends on: a silo with its media in a private
/// pouchdb-server and its bus on a private RabbitMQ node is ready; it is not while either is
/// stopped (naming which), and is again once it is back. <c>/health/live</c> answers throughout,
/// and <c>/api/health</c> keeps its contract.
/// </summary>
public sealed class ReadinessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Ready_FollowsTheStoreAndTheBroker_WhileLiveAnswersThroughout()
    {
        await using var couch = await PouchDbServer.StartAsync();
        await couch.CreateDatabaseAsync("system_media");
        var broker = new RabbitMqServer();
        await broker.InitializeAsync();
        try
        {
            broker.Require();
            await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["Media__Store__Kind"] = "CouchDb",
                ["Media__CouchDb__Url"] = couch.UrlWithCredentials,
                ["Media__Bus__Uri"] = broker.Uri,
                ["Media__Bus__ReconnectMaxMilliseconds"] = "1000",
            });
            using var http = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(10) };

            var ready = await WaitForAsync(http, HttpStatusCode.OK);
            foreach (var check in new[] { "store", "membership", "spool", "bus" })
            {
                Assert.Equal("healthy", ready.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
                Assert.True(ready.GetProperty("checks").GetProperty(check).GetProperty("durationMs").GetDouble() >= 0);
            }

            await couch.StopAsync();
            var storeDown = await WaitForAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", storeDown.GetProperty("status").GetString());
            Assert.Equal("unhealthy", Check(storeDown, "store"));
            Assert.Equal("healthy", Check(storeDown, "bus"));
            Assert.DoesNotContain(PouchDbServer.Password, storeDown.GetRawText(), StringComparison.Ordinal);
            await AssertLiveAsync(http);

            await couch.RestartAsync();
            await WaitForAsync(http, HttpStatusCode.OK);

            await broker.StopAsync();
            var busDown = await WaitForAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", Check(busDown, "bus"));
            Assert.Equal("healthy", Check(busDown, "store"));
            await AssertLiveAsync(http);
            using (var legacy = await http.GetAsync(new Uri("api/health", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
                Assert.Contains("\"status\":\"ok\"", await legacy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await broker.StartAsync();
            var back = await WaitForAsync(http, HttpStatusCode.OK);
            Assert.Equal("healthy", back.GetProperty("status").GetString());
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private static string? Check(JsonElement report, string name) =>
        report.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();

    private static async Task AssertLiveAsync(HttpClient http)
    {
        using var live = await http.GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var body = JsonDocument.Parse(await live.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(body.RootElement.GetProperty("checks").EnumerateObject());
    }

    // Polls /health/ready until it answers `status`; its body then.
    private static async Task<JsonElement> WaitForAsync(HttpClient http, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            await Task.Delay(200);
        }

        Assert.Fail($"/health/ready did not answer {(int)status} within {Deadline}; last: {last}");
        return default;
    }
}
