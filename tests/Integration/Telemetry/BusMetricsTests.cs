using MediaOrleans.IntegrationTests.Bus;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Telemetry;

/// <summary>Bus requests over a real RabbitMQ node, counted by request event and result, timed, and their confirms settled.</summary>
[Collection(SharedRabbitMq.Name)]
public sealed class BusMetricsTests(RabbitMqServer broker, BusSiloFixture fixture) : IClassFixture<BusSiloFixture>
{
    private static readonly (string, string) MediaReq = ("event", "media_req");

    [SkippableFact]
    public async Task MediaRequests_AreCountedByResult_Timed_AndLeaveNoConfirmOutstanding()
    {
        broker.Require();
        await fixture.StartAsync(broker);
        var before = await MetricsScrape.ReadAsync(fixture.Silo);

        var found = await fixture.Client.MediaRequestAsync("/system_media/bus-tone");
        var missing = await fixture.Client.MediaRequestAsync("/system_media/bus-never-stored");
        var after = await WaitForSettledAsync(before, 2);

        Assert.Equal("media_resp", found["Event-Name"]);
        Assert.Equal("media_error", missing["Event-Name"]);
        Assert.Equal(1, after.Since(before, "mediaorleans_bus_requests_total", MediaReq, ("result", "media_resp")));
        Assert.Equal(1, after.Since(before, "mediaorleans_bus_requests_total", MediaReq, ("result", "media_error")));
        Assert.Equal(2, after.Since(before, "mediaorleans_bus_request_duration_seconds_count", MediaReq));
        Assert.Contains(after.All, s => s.Name == "mediaorleans_bus_confirms_outstanding");
        Assert.Equal(0, after.Sum("mediaorleans_bus_confirms_outstanding"));
        Assert.Equal(0, after.Since(before, "mediaorleans_bus_reconnects_total"));
    }

    // The reply reaches the requester just before the silo settles the request (it acks after
    // the broker's confirm), so the count may trail the reply by a moment.
    private async Task<MetricsScrape> WaitForSettledAsync(MetricsScrape before, int requests)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await MetricsScrape.ReadAsync(fixture.Silo);
            if (scrape.Since(before, "mediaorleans_bus_requests_total", MediaReq) >= requests)
            {
                return scrape;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{requests} bus requests never counted\n{fixture.Silo.Output}");
            await Task.Delay(100);
        }
    }
}
