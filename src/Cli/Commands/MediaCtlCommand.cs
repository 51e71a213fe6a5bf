using System.CommandLine;

namespace MediaOrleans.Cli.Commands;

/// <summary>mediactl's command tree: the global options and every subcommand.</summary>
internal static class MediaCtlCommand
{
    public static RootCommand Create(CommandEnvironment environment, GlobalOptions global)
    {
        var runner = new CommandRunner(environment, global);
        var root = new RootCommand(
            "Operate a MediaOrleans cluster through its grains: import and list media, get playback URLs, allocate, follow, push "
            + "and store recordings, look at the silos. Connects to 127.0.0.1:30000 unless --gateway or the Orleans:Clustering:* "
            + "settings (as --Orleans:Clustering:ConnectionString=… arguments or Orleans__Clustering__… environment variables) say otherwise.")
        {
            ImportCommand.Create(runner),
            MediaCommands.List(runner),
            MediaCommands.Info(runner),
            MediaCommands.Url(runner),
            MediaCommands.Remove(runner),
            RecordingCommands.Record(runner),
            RecordingCommands.Recordings(runner),
            RecordingCommands.Store(runner),
            RecordingCommands.Push(runner),
            ClusterCommand.Create(runner),
        };
        global.AddTo(root);
        return root;
    }
}
