using System.CommandLine;
using MediaOrleans.Cli.Output;

namespace MediaOrleans.Cli.Commands;

/// <summary>Runs a command's body and is the one place where its failures become an exit code and a message.</summary>
internal sealed class CommandRunner(CommandEnvironment environment, GlobalOptions global)
{
    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="body"/> in a session.</summary>
    public void Handle(Command command, Func<CommandSession, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<CommandSession, Task<int>> body, CancellationToken cancellationToken)
    {
        await using var session = new CommandSession(environment, global, parse, cancellationToken);
        try
        {
            return await body(session);
        }
#pragma warning disable CA1031 // The command's one catch site: every failure is reported, with its exit code, never as a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var report = ErrorReport.From(ex);
            session.Output.WriteError(report);
            return report.ExitCode;
        }
    }
}
