using System.Globalization;
using MediaOrleans.Soak;
using MediaOrleans.Soak.Checking;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

// MediaOrleans.Soak --silo-assembly DLL --postgres CONNSTRING --bus-uri URI --broker-stop CMD --broker-start CMD
//   --work DIR --modshout-client PATH [--store-uri URI --store-stop CMD --store-start CMD] [--seed N] [--minutes N]
//   [--faults kill,pause,broker-restart,store-outage,disk-full] [--failover-window-seconds N] [--max-rss-slope-mb N] [--max-fd-slope N]
// Without --store-uri the silos keep media in their shared data directory (no store-outage).
// Exit code 0 when the history holds no violation, 1 otherwise, 2 on bad arguments.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

double Number(string key, double fallback) => options.TryGetValue(key, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

// MediaOrleans.Soak --check HISTORY [--audio DIR] [--failover-window-seconds N …]: judges a saved
// history again (the audio is made again in DIR from the same sox/lame commands, without dither).
if (options.TryGetValue("check", out var saved))
{
    var audio = options.GetValueOrDefault("audio") ?? Directory.CreateTempSubdirectory("mediaorleans-soak-audio-").FullName;
    var payloads = await MediaOrleans.Soak.Load.Payloads.CreateAsync(audio, 10, 30);
    var events = HistoryLog.Read(saved);
    var recheck = new CheckerSettings(Number("failover-window-seconds", 3), Number("max-rss-slope-mb", 2), Number("max-fd-slope", 5));
    var found = HistoryChecker.Check(events, payloads.Bytes, recheck);
    Console.WriteLine(MediaOrleans.Soak.Reporting.SoakReport.Write(events, found, (int)Number("seed", 0), recheck));
    return found.Count == 0 ? 0 : 1;
}

string[] required = ["silo-assembly", "postgres", "bus-uri", "broker-stop", "broker-start", "work", "modshout-client"];
if (required.FirstOrDefault(key => !options.ContainsKey(key)) is { } missing)
{
    Console.Error.WriteLine($"missing --{missing}; usage: MediaOrleans.Soak {string.Join(' ', required.Select(k => $"--{k} …"))} [--seed N] [--minutes N] [--faults …]");
    return 2;
}

var known = FaultKinds.All;
var faults = options.GetValueOrDefault("faults", string.Join(',', known)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (faults.FirstOrDefault(f => !known.Contains(f)) is { } unknown)
{
    Console.Error.WriteLine($"unknown fault kind '{unknown}'; known: {string.Join(", ", known)}");
    return 2;
}

var seed = (int)Number("seed", Random.Shared.Next());
var settings = new SoakSettings(seed, TimeSpan.FromMinutes(Number("minutes", 10)), options["silo-assembly"], options["postgres"],
    $"soak-{seed}", options["work"], options["modshout-client"], faults);
var checks = new CheckerSettings(Number("failover-window-seconds", 3), Number("max-rss-slope-mb", 2), Number("max-fd-slope", 5));
using var abort = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    abort.Cancel();
};

var broker = new CommandService(options["bus-uri"], options["broker-stop"], options["broker-start"]);
var store = options.TryGetValue("store-uri", out var storeUri)
    ? new CommandService(storeUri, options.GetValueOrDefault("store-stop", "false"), options.GetValueOrDefault("store-start", "false"))
    : null;
var outcome = await SoakRun.RunAsync(settings, checks, broker, store, Console.Out, abort.Token);
Console.WriteLine(outcome.Report);
return outcome.Violations.Count == 0 ? 0 : 1;
