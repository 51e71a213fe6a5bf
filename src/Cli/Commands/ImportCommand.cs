using System.CommandLine;
using MediaOrleans.Cli.Import;
using MediaOrleans.Cli.Output;
using MediaOrleans.Cli.Parsing;
using MediaOrleans.Client.Media;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Cli.Commands;

/// <summary><c>import</c>: one audio file, or a whole folder tree of .wav and .mp3 files, as media items.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var path = new Argument<string>("file-or-directory") { Description = "A .wav or .mp3 file, or a folder searched recursively for them" }.RejectOptionLike();
        var prefix = new Option<string?>("--prefix") { Description = "Put every name under this prefix, e.g. system_media" };
        var command = new Command("import", "Upload audio files as media; names come from paths relative to the folder, without extension")
        {
            path, prefix,
        };
        runner.Handle(command, async session =>
        {
            var root = session.Parse.GetRequiredValue(path);
            var plan = ImportPlan.ForPath(root, session.Parse.GetValue(prefix), session.MaxUploadBytes);
            if (plan.Items.Count == 0 && plan.Problems.Count == 0)
            {
                throw new UsageException($"no .wav or .mp3 files under '{root}'");
            }

            var client = await session.ClientAsync();
            var imported = new List<ImportedJson>();
            var failed = plan.Problems.Select(p => new ImportFailureJson(p.File, p.Name, p.Error, p.Message)).ToList();
            await ProgressBars.RunAsync(session.Output, $"importing {plan.Items.Count} files", plan.Items.Sum(i => i.Length), async progress =>
            {
                long done = 0;
                foreach (var item in plan.Items)
                {
                    session.CancellationToken.ThrowIfCancellationRequested();
                    var result = await UploadAsync(client.Media, item, session.CancellationToken);
                    if (result.Imported is { } ok)
                    {
                        imported.Add(ok);
                    }
                    else
                    {
                        failed.Add(result.Failed!);
                    }

                    progress.Report(done += item.Length);
                }

                return imported.Count;
            });

            Report(session.Output, imported, failed);
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    // A file the cluster refuses (not audio, over the limit) or that cannot be read fails alone;
    // anything else (the connection lost) ends the import.
    private static async Task<(ImportedJson? Imported, ImportFailureJson? Failed)> UploadAsync(MediaOperations media, ImportItem item,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(item.File);
            var info = await media.UploadAsync(item.Name, file, item.ContentType, cancellationToken);
            return (new ImportedJson(item.File, info.Name, info.Version, info.ContentType, info.Length, info.Audio.DurationMs), null);
        }
        catch (MediaRejectedException ex)
        {
            return (null, new ImportFailureJson(item.File, item.Name, ErrorReport.CodeOf(ex.Reason), ex.Message));
        }
        catch (MediaTooLargeException ex)
        {
            return (null, new ImportFailureJson(item.File, item.Name, "too_large", ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new ImportFailureJson(item.File, item.Name, "unreadable", ex.Message));
        }
    }

    private static void Report(CommandOutput output, List<ImportedJson> imported, List<ImportFailureJson> failed)
    {
        if (output.Json)
        {
            output.WriteJson(new ImportJson(imported, failed), CliJsonContext.Output.ImportJson);
            return;
        }

        if (failed.Count > 0)
        {
            var table = CommandOutput.Table("file", "name", "error", "message");
            foreach (var failure in failed)
            {
                CommandOutput.AddRow(table, failure.File, failure.Name, failure.Error, failure.Message);
            }

            output.Write(table);
        }

        var bytes = imported.Sum(i => i.Length);
        output.WriteLine($"imported {imported.Count} files ({HumanFormat.Bytes(bytes)}), {failed.Count} failed");
    }
}
