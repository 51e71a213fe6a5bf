using System.Globalization;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>The command and its <c>--name value</c> options (a bare <c>--flag</c> is "true").</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public string Command { get; private init; } = string.Empty;

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments { Command = args.Length > 0 ? args[0] : string.Empty };
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._options[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return parsed;
    }

    public string Text(string name, string? fallback = null) =>
        _options.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int fallback) =>
        _options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _options.TryGetValue(name, out var value) && value == "true";
}
