using System.CommandLine;

namespace MediaOrleans.Cli.Commands;

/// <summary>Options every command takes, before or after the subcommand's name (they are recursive).</summary>
internal sealed class GlobalOptions
{
    /// <summary>Seconds to keep trying to reach a gateway: long enough for a busy silo, short enough for a person waiting.</summary>
    public const double DefaultConnectTimeoutSeconds = 3;

    public Option<string[]> Gateway { get; } = new("--gateway", "-g")
    {
        Description = "A silo's Orleans gateway as host:port (repeat for several); default 127.0.0.1:30000, "
            + "or the gateways the Orleans:Clustering:* settings point at",
        HelpName = "host:port",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write results as JSON documents (one per line) for scripts",
        Recursive = true,
    };

    public Option<double> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to keep trying to reach a gateway before giving up with exit code 4",
        HelpName = "seconds",
        Recursive = true,
        DefaultValueFactory = _ => DefaultConnectTimeoutSeconds,
    };

    public GlobalOptions()
    {
        ConnectTimeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600)
            {
                result.AddError("--connect-timeout must be more than 0 and at most 3600 seconds");
            }
        });
    }

    public void AddTo(Command root)
    {
        root.Options.Add(Gateway);
        root.Options.Add(Json);
        root.Options.Add(ConnectTimeout);
    }
}
