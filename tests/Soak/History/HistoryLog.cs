using System.Diagnostics;
using System.Text.Json;

namespace MediaOrleans.Soak.History;

/// <summary>
/// The run's history: every event in the order it was recorded, kept in memory for the checker
/// and appended to a JSON-lines file (when given) as it happens, so a run that dies still leaves
/// what it saw.
/// </summary>
public sealed class HistoryLog : IDisposable
{
    private readonly List<SoakEvent> _events = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StreamWriter? _file;

    /// <summary>A history written to <paramref name="path"/> as well, if given.</summary>
    public HistoryLog(string? path = null)
    {
        if (path is not null)
        {
            _file = new StreamWriter(path, append: false) { AutoFlush = true };
        }
    }

    /// <summary>Seconds since the run started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>A copy of every event so far.</summary>
    public IReadOnlyList<SoakEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Records <paramref name="make"/>'s event, stamped with the current time.</summary>
    public SoakEvent Add(Func<double, SoakEvent> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        lock (_events)
        {
            var e = make(Now);
            _events.Add(e);
            _file?.WriteLine(JsonSerializer.Serialize(e, HistoryJson.Options));
            return e;
        }
    }

    /// <summary>Reads a history file written by a run.</summary>
    public static IReadOnlyList<SoakEvent> Read(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<SoakEvent>(line, HistoryJson.Options)!)];

    /// <inheritdoc />
    public void Dispose() => _file?.Dispose();
}

/// <summary>How history lines are written: camelCase, nulls left out.</summary>
public static class HistoryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
