using System.CommandLine;
using MediaOrleans.Cli.Output;
using MediaOrleans.Cli.Parsing;
using MediaOrleans.Client;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Cli.Commands;

/// <summary>Runs mediactl: configuration from the environment and <c>--Key:Path=value</c> arguments, then the command.</summary>
internal static class MediaCtl
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool outputIsTerminal,
        bool errorIsTerminal)
    {
        ConfigurationArguments split;
        try
        {
            split = ConfigurationArguments.Split(args);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"mediactl: {ex.Message}");
            return ExitCodes.Usage;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(split.Settings)
            .Build();
        var environment = new CommandEnvironment(configuration, output, error, outputIsTerminal, errorIsTerminal, MediaClient.ConnectAsync);
        var global = new GlobalOptions();
        var root = MediaCtlCommand.Create(environment, global);
        var parse = root.Parse(split.Remaining);
        if (parse.Errors.Count > 0)
        {
            return ReportUsageErrors(parse, global, output, error);
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation);
    }

    // The errors and where to read more, rather than System.CommandLine's full help page, which
    // would bury the one line that matters.
    private static int ReportUsageErrors(ParseResult parse, GlobalOptions global, TextWriter output, TextWriter error)
    {
        var message = string.Join("; ", parse.Errors.Select(e => e.Message));
        if (parse.GetValue(global.Json))
        {
            new CommandOutput(output, error, json: true, outputIsTerminal: false, errorIsTerminal: false)
                .WriteError(new ErrorReport(ExitCodes.Usage, "usage", message));
        }
        else
        {
            var names = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, result.Command.Name);
            }

            var command = string.Join(' ', names);
            error.WriteLine($"mediactl: {message}");
            error.WriteLine($"run '{command} --help' for usage");
        }

        return ExitCodes.Usage;
    }
}
