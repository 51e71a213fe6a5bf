using System.CommandLine;
using MediaOrleans.Cli.Output;
using MediaOrleans.Cli.Parsing;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Cli.Commands;

/// <summary><c>record</c>, <c>recordings</c> (list, <c>show</c>, <c>follow</c>), <c>store</c> and <c>push</c>.</summary>
internal static class RecordingCommands
{
    public static Command Record(CommandRunner runner)
    {
        var name = NameOption();
        var maxSeconds = MaxSecondsOption();
        var command = new Command("record", "Allocate a recording and print the shout:// URL its source records to") { name, maxSeconds };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            var ticket = await client.Recordings.AllocateAsync(session.Parse.GetValue(name), session.Parse.GetValue(maxSeconds));
            if (session.Output.Json)
            {
                session.Output.WriteJson(new TicketJson(ticket.Name, ticket.Url, ticket.MaxSeconds), CliJsonContext.Output.TicketJson);
            }
            else
            {
                // The URL alone on standard output, so URL=$(mediactl record) works.
                session.Output.WriteLine(ticket.Url);
                session.Output.Note($"recording {ticket.Name} allocated for up to {ticket.MaxSeconds} s; its source records to the URL above");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Recordings(CommandRunner runner)
    {
        var prefix = new Option<string?>("--prefix") { Description = "Only recordings whose names start with this" };
        var limit = MediaCommands.LimitOption();
        var command = new Command("recordings", "List recordings; 'recordings show NAME' and 'recordings follow NAME' look at one")
        {
            prefix, limit, Show(runner), Follow(runner),
        };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            var recordings = await client.Recordings.ListAsync(session.Parse.GetValue(prefix), session.Parse.GetValue(limit));
            if (session.Output.Json)
            {
                session.Output.WriteJson(new RecordingListJson([.. recordings.Select(RecordingJson.From)]),
                    CliJsonContext.Output.RecordingListJson);
                return ExitCodes.Ok;
            }

            var table = CommandOutput.Table("name", "state", "bytes", "duration", "started", "ended", "reason", "stored as");
            foreach (var status in recordings)
            {
                CommandOutput.AddRow(table, status.Name, RecordingJson.StateName(status.State), HumanFormat.Number(status.Bytes),
                    HumanFormat.Duration(status.DurationMs), HumanFormat.Time(status.StartedAt), HumanFormat.Time(status.EndedAt),
                    status.StoppedReason, status.StoredAs);
            }

            session.Output.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Store(CommandRunner runner)
    {
        var recording = new Argument<string>("recording") { Description = "Recording name" }.RejectOptionLike();
        var media = new Argument<string>("media-name") { Description = "Media name to store it as, e.g. vm/1234/msg-1" }.RejectOptionLike();
        var command = new Command("store", "Store a complete recording as a media item") { recording, media };
        runner.Handle(command, async session =>
        {
            var name = session.Parse.GetRequiredValue(recording);
            var client = await session.ClientAsync();
            await RequireExistingAsync(client.Recordings, name);
            var info = await client.Recordings.StoreAsync(name, session.Parse.GetRequiredValue(media));
            MediaCommands.WriteMedia(session.Output, info);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Push(CommandRunner runner)
    {
        var file = new Argument<string>("file") { Description = "An MP3 file to record" }.RejectOptionLike();
        var name = NameOption();
        var maxSeconds = MaxSecondsOption();
        var chunk = new Option<int>("--chunk-kib")
        {
            Description = "Bytes per append, in KiB (4-16384)",
            DefaultValueFactory = _ => RecordingPushOptions.DefaultChunkBytes / 1024,
        };
        var command = new Command("push", "Record an existing MP3 file: appended in chunks, with progress") { file, name, maxSeconds, chunk };
        runner.Handle(command, async session =>
        {
            var path = session.Parse.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                throw new UsageException($"file '{path}' does not exist");
            }

            var options = new RecordingPushOptions
            {
                Name = session.Parse.GetValue(name),
                MaxSeconds = session.Parse.GetValue(maxSeconds),
                ChunkBytes = session.Parse.GetValue(chunk) * 1024,
            };
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var client = await session.ClientAsync();
            var status = await ProgressBars.RunAsync(session.Output, Path.GetFileName(path), source.Length,
                progress => client.Recordings.PushAsync(source, options, progress, session.CancellationToken));
            WriteRecording(session.Output, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A recording as a details grid, or as <see cref="RecordingJson"/>.</summary>
    public static void WriteRecording(CommandOutput output, RecordingStatus status)
    {
        if (output.Json)
        {
            output.WriteJson(RecordingJson.From(status), CliJsonContext.Output.RecordingJson);
            return;
        }

        output.Write(CommandOutput.Details(
            ("name", status.Name),
            ("state", RecordingJson.StateName(status.State)),
            ("bytes", HumanFormat.Number(status.Bytes)),
            ("duration", HumanFormat.Duration(status.DurationMs)),
            ("trailing silence", status.TrailingSilenceMs is { } silence ? HumanFormat.Duration(silence) : null),
            ("max seconds", $"{status.MaxSeconds}"),
            ("started", HumanFormat.Time(status.StartedAt)),
            ("ended", HumanFormat.Time(status.EndedAt)),
            ("stopped by", status.StoppedReason),
            ("stored as", status.StoredAs)));
    }

    private static Command Show(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Recording name" }.RejectOptionLike();
        var command = new Command("show", "Show one recording's state, bytes and timing") { name };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            var status = await RequireExistingAsync(client.Recordings, session.Parse.GetRequiredValue(name));
            WriteRecording(session.Output, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Follow(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Recording name" }.RejectOptionLike();
        var interval = new Option<int>("--interval-ms")
        {
            Description = "How often to look, in milliseconds (50-60000)",
            DefaultValueFactory = _ => (int)RecordingOperations.DefaultWatchInterval.TotalMilliseconds,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 50 or > 60_000)
            {
                result.AddError("--interval-ms must be between 50 and 60000");
            }
        });
        var command = new Command("follow", "Print a recording's state changes until it is complete") { name, interval };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            RecordingState? shown = null;
            var watch = client.Recordings.WatchAsync(session.Parse.GetRequiredValue(name),
                TimeSpan.FromMilliseconds(session.Parse.GetValue(interval)), session.CancellationToken);
            await foreach (var status in watch)
            {
                if (status.State == RecordingState.Unknown)
                {
                    throw new NotFoundException($"recording '{status.Name}' does not exist");
                }

                if (status.State == shown)
                {
                    continue;
                }

                shown = status.State;
                if (session.Output.Json)
                {
                    session.Output.WriteJson(RecordingJson.From(status), CliJsonContext.Output.RecordingJson);
                }
                else
                {
                    var reason = status.StoppedReason is null ? string.Empty : $" ({status.StoppedReason})";
                    session.Output.WriteLine(
                        $"{HumanFormat.Time(DateTimeOffset.UtcNow)}  {status.Name}  {RecordingJson.StateName(status.State)}  {HumanFormat.Number(status.Bytes)} bytes  {HumanFormat.Duration(status.DurationMs)}{reason}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<RecordingStatus> RequireExistingAsync(RecordingOperations recordings, string name)
    {
        var status = await recordings.GetStatusAsync(name);
        return status.State == RecordingState.Unknown ? throw new NotFoundException($"recording '{name}' does not exist") : status;
    }

    private static Option<string?> NameOption() =>
        new("--name") { Description = "Recording name (default: a fresh rec-… name)" };

    private static Option<int?> MaxSecondsOption() =>
        new("--max-seconds") { Description = "Longest recording in seconds (default: the silo's Media:Recordings:DefaultMaxSeconds)" };
}
