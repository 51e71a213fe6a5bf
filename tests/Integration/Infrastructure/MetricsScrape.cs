using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// One scrape of a silo's <c>/metrics</c> (Prometheus text), read into series: a series is a
/// metric name with its labels. A series nobody has touched yet is absent, and reads as 0, so
/// tests compare two scrapes taken around the traffic they make.
/// </summary>
public sealed partial class MetricsScrape
{
    private readonly List<Series> _series;

    private MetricsScrape(List<Series> series) => _series = series;

    /// <summary>One line of the exposition: name, labels (the exporter's <c>otel_scope_*</c> ones left out), value.</summary>
    public sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        /// <summary>The series as Prometheus names it: <c>name{a="x",b="y"}</c>, labels in order.</summary>
        public string Key => Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
    }

    /// <summary>Every series of the scrape.</summary>
    public IReadOnlyList<Series> All => _series;

    /// <summary>Scrapes <paramref name="silo"/> (from loopback, which needs no key while none is configured).</summary>
    public static async Task<MetricsScrape> ReadAsync(SiloProcess silo, string? apiKey = null)
    {
        using var http = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {text}");
        return Parse(text);
    }

    /// <summary>Reads Prometheus text.</summary>
    public static MetricsScrape Parse(string text)
    {
        var series = new List<Series>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SeriesLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus series line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                if (!label.Groups[1].Value.StartsWith("otel_scope_", StringComparison.Ordinal))
                {
                    labels[label.Groups[1].Value] = label.Groups[2].Value;
                }
            }

            series.Add(new Series(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }

        return new MetricsScrape(series);
    }

    /// <summary>The sum of every series of <paramref name="name"/> that has all of <paramref name="labels"/>; 0 when there is none.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _series.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>How much <paramref name="name"/> (with <paramref name="labels"/>) grew from <paramref name="before"/> to this scrape.</summary>
    public double Since(MetricsScrape before, string name, params (string Label, string Value)[] labels) =>
        Sum(name, labels) - before.Sum(name, labels);

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
