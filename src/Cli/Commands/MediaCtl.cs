using System.CommandLine;
using MediaOrleans.Cli.Output;
using MediaOrleans.Cli.Parsing;
using MediaOrleans.Client;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Cli.Commands;

/// <summary>Runs mediactl: configuration from the environment and <c>--Key:Path=value</c> arguments, then the command.</summary>
internal static class MediaCtl
{
    /// <summary>Runs mediactl on the process's environment variables, connecting for real.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool outputIsTerminal,
        bool errorIsTerminal) =>
        RunAsync(args, output, error, outputIsTerminal, errorIsTerminal, environment => environment.AddEnvironmentVariables(),
            MediaClient.ConnectAsync);

    /// <summary>Runs mediactl with <paramref name="addEnvironment"/> as the environment and <paramref name="connect"/> to connect.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool outputIsTerminal,
        bool errorIsTerminal, Action<IConfigurationBuilder> addEnvironment, Func<MediaClientOptions, CancellationToken, Task<MediaClient>> connect)
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

        // Arguments win over environment variables, as for the silo.
        var builder = new ConfigurationBuilder();
        addEnvironment(builder);
        var configuration = builder.AddInMemoryCollection(split.Settings).Build();
        var environment = new CommandEnvironment(configuration, output, error, outputIsTerminal, errorIsTerminal, connect);
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
            // The root's own name is the host's (dotnet, testhost); the tool is always mediactl.
            var names = new List<string>();
            for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            {
                names.Insert(0, result.Command.Name);
            }

            var command = string.Join(' ', names.Prepend("mediactl"));
            error.WriteLine($"mediactl: {message}");
            error.WriteLine($"run '{command} --help' for usage");
        }

        return ExitCodes.Usage;
    }
}
