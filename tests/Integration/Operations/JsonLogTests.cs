using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Operations;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c> makes the silo log one JSON object per line (what
/// log shippers such as Vector, Fluent Bit or Promtail parse without a pattern), with the level,
/// the category, the message and the event id, and still no secret in them.
/// </summary>
public sealed class JsonLogTests
{
    private const string Key = "json-log-admin-key-0123456789";

    [Fact]
    public async Task JsonFormatter_WritesOneParsableObjectPerLine_WithNoSecret()
    {
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Media__Admin__ApiKeys__ops__Secret"] = Key,
            ["Media__Admin__ApiKeys__ops__Role"] = "admin",
        });
        using var http = new HttpClient { BaseAddress = silo.HttpBase };
        using (await http.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
        }

        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Message", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("EventId", out _), line);
        }

        Assert.Contains(lines, l => l.Contains("MediaOrleans", StringComparison.Ordinal));
        Assert.DoesNotContain(Key, silo.Output, StringComparison.Ordinal);
    }
}
