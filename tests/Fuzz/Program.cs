using System.Globalization;
using MediaOrleans.Fuzz;

// mediaorleans-fuzz --http-port P --shout-port P [--pid N] [--bus-uri amqp://…] [--request-exchange kapps]
//   [--inputs N] [--seed N] [--batch N] [--parallel N] [--deadline-seconds N] [--max-rss-mb N] [--allow-5xx 503,…]
// The API key, if the silo needs one, comes from MEDIAORLEANS_API_KEY. Exit code 0 when clean, 1 otherwise, 2 on bad arguments.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

int Int(string key, int fallback) => options.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

if (!options.ContainsKey("http-port") || !options.ContainsKey("shout-port"))
{
    Console.Error.WriteLine("usage: MediaOrleans.Fuzz --http-port P --shout-port P [--pid N] [--bus-uri URI] [--inputs N] [--seed N] ...");
    return 2;
}

var settings = new FuzzSettings(
    Int("http-port", 0),
    Int("shout-port", 0),
    Int("pid", 0),
    options.GetValueOrDefault("bus-uri"),
    options.GetValueOrDefault("request-exchange", "kapps"),
    Int("inputs", 2_000),
    Int("seed", Random.Shared.Next()),
    Int("batch", 250),
    Int("parallel", 8),
    TimeSpan.FromSeconds(Int("deadline-seconds", 15)),
    Int("max-rss-mb", 1024),
    options.TryGetValue("allow-5xx", out var allowed)
        ? allowed.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet()
        : null,
    Environment.GetEnvironmentVariable("MEDIAORLEANS_API_KEY"));

Console.WriteLine($"[fuzz] seed {settings.Seed}, {settings.Inputs:N0} inputs, batches of {settings.BatchSize}, {settings.Parallelism} in flight, allowed 5xx: {string.Join(',', settings.Allowed)}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var report = await Campaign.RunAsync(settings, Console.Out, stop.Token);
Console.WriteLine(report);
return report.Clean ? 0 : 1;
