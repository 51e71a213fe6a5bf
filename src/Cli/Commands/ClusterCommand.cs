using System.CommandLine;
using System.Globalization;
using MediaOrleans.Cli.Output;

namespace MediaOrleans.Cli.Commands;

/// <summary><c>cluster</c>: the silos in the membership and their load.</summary>
internal static class ClusterCommand
{
    public static Command Create(CommandRunner runner)
    {
        var all = new Option<bool>("--all") { Description = "Also list silos that are not active (joining, shutting down, dead)" };
        var command = new Command("cluster", "List the cluster's silos and their load") { all };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            var silos = await client.Cluster.GetSilosAsync(session.Parse.GetValue(all));
            if (session.Output.Json)
            {
                session.Output.WriteJson(new ClusterJson([.. silos.Select(SiloJson.From)]), CliJsonContext.Output.ClusterJson);
                return ExitCodes.Ok;
            }

            var table = CommandOutput.Table("address", "name", "host", "status", "started", "activations", "cpu", "memory", "clients");
            foreach (var silo in silos)
            {
                CommandOutput.AddRow(table, silo.Address, silo.Name, silo.HostName, silo.Status, HumanFormat.Time(silo.StartedAt),
                    silo.Activations?.ToString(CultureInfo.InvariantCulture),
                    silo.CpuUsagePercent is { } cpu ? string.Create(CultureInfo.InvariantCulture, $"{cpu:0.0} %") : null,
                    silo.MemoryUsageBytes is { } memory ? HumanFormat.Bytes(memory) : null,
                    silo.Clients?.ToString(CultureInfo.InvariantCulture));
            }

            session.Output.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
