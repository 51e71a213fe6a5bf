namespace MediaOrleans.Cli.Parsing;

/// <summary>
/// Separates .NET configuration arguments (<c>--Orleans:Clustering:ConnectionString=…</c> or
/// <c>--Orleans:ClusterId value</c>, the form the silo itself takes) from mediactl's own command
/// line, anywhere among the arguments. A configuration key always contains a colon, which no
/// mediactl option does, so the two cannot be confused.
/// </summary>
internal sealed record ConfigurationArguments(IReadOnlyDictionary<string, string?> Settings, IReadOnlyList<string> Remaining)
{
    public static ConfigurationArguments Split(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var remaining = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                // Everything after "--" is an operand, even if it looks like a key.
                remaining.AddRange(args.Skip(i));
                break;
            }

            if (!IsConfigurationKey(arg))
            {
                remaining.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                settings[arg[2..equals]] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                settings[arg[2..]] = args[++i];
            }
            else
            {
                throw new FormatException($"'{arg}' needs a value: {arg}=value or {arg} value");
            }
        }

        return new ConfigurationArguments(settings, remaining);
    }

    private static bool IsConfigurationKey(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 4)
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? arg.AsSpan(2) : arg.AsSpan(2, equals - 2);
        return key.Contains(':') && key[0] != ':' && key[^1] != ':';
    }
}
