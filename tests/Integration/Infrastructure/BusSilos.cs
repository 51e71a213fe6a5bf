using System.Text.Json;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Silos with the message bus switched on, and their bus state as <c>/api/health</c> reports it.</summary>
public static class BusSilos
{
    /// <summary>
    /// Bus settings naming exchanges and queues of their own, so a test's silos and requesters
    /// meet nobody else's on the shared broker.
    /// </summary>
    public static Dictionary<string, string> Isolated(RabbitMqServer broker, string suffix, int reconnectMaxMilliseconds = 1000) => new()
    {
        ["Media__Bus__Uri"] = broker.Uri,
        ["Media__Bus__RequestExchange"] = "kapps-" + suffix,
        ["Media__Bus__ReplyExchange"] = "targeted-" + suffix,
        ["Media__Bus__Queue"] = "mediaorleans.media_req-" + suffix,
        ["Media__Bus__RecordQueue"] = "mediaorleans.record_req-" + suffix,
        ["Media__Bus__ReconnectMaxMilliseconds"] = reconnectMaxMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts a silo with <paramref name="settings"/> and waits until its bus is connected.</summary>
    public static async Task<SiloProcess> StartConnectedAsync(IDictionary<string, string> settings, string? dataPath = null)
    {
        var silo = await SiloProcess.StartAsync(settings, dataPath);
        await WaitForBusAsync(silo, "connected", TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>The silo's <c>/api/health</c> body.</summary>
    public static async Task<JsonElement> HealthAsync(SiloProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(silo.HttpBase, "api/health"));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <c>/api/health</c> until <c>bus</c> is <paramref name="state"/>.</summary>
    public static async Task WaitForBusAsync(SiloProcess silo, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await HealthAsync(silo)).GetProperty("bus").GetString();
            if (last == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"bus stayed '{last}', not '{state}', for {timeout}:\n{silo.Output}");
    }

    /// <summary>How many lines of the silo's output contain every one of <paramref name="parts"/>.</summary>
    public static int LogCount(SiloProcess silo, params string[] parts) =>
        silo.Output.Split('\n').Count(line => parts.All(part => line.Contains(part, StringComparison.Ordinal)));
}
