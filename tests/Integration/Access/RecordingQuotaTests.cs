using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>Open-recording caps as the admin API answers them.</summary>
public sealed class RecordingQuotaTests
{
    [SkippableFact]
    public async Task AllocationsPastTheCallersCap_Are429WithRetryAfter_AndAnotherKeyStillAllocates()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Media__Recordings__MaxOpen"] = "5",
            ["Media__Recordings__MaxOpenPerCaller"] = "2",
            ["Media__Admin__ApiKeys__app1__Secret"] = "app-one-key-0123456789",
            ["Media__Admin__ApiKeys__app1__Role"] = "writer",
            ["Media__Admin__ApiKeys__app2__Secret"] = "app-two-key-0123456789",
            ["Media__Admin__ApiKeys__app2__Role"] = "writer",
        });
        using var first = new MediaApi(silo.HttpBase, "app-one-key-0123456789");
        using var second = new MediaApi(silo.HttpBase, "app-two-key-0123456789");
        Assert.Equal(201, (await first.AllocateRecordingAsync()).Status);
        Assert.Equal(201, (await first.AllocateRecordingAsync()).Status);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/recordings", UriKind.Relative))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        var (status, headers, body) = await first.SendAsync(request);

        Assert.Equal(429, status);
        Assert.Equal(TimeSpan.FromSeconds(5), headers.RetryAfter?.Delta);
        Assert.Equal("too_many", body.GetProperty("error").GetString());
        Assert.Contains("Media:Recordings:MaxOpenPerCaller", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(201, (await second.AllocateRecordingAsync()).Status);
    }
}
