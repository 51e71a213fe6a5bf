using System.CommandLine;
using MediaOrleans.Cli.Output;
using MediaOrleans.Cli.Parsing;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Cli.Commands;

/// <summary><c>ls</c>, <c>info</c>, <c>url</c> and <c>rm</c>: media items that are already in the cluster.</summary>
internal static class MediaCommands
{
    public const int MaxListLimit = 10_000;

    public static Command List(CommandRunner runner)
    {
        var prefix = new Argument<string?>("prefix") { Description = "Only names starting with this", Arity = ArgumentArity.ZeroOrOne }.RejectOptionLike();
        var limit = LimitOption();
        var command = new Command("ls", "List media names in ordinal order") { prefix, limit };
        runner.Handle(command, async session =>
        {
            var client = await session.ClientAsync();
            var names = await client.Media.ListAsync(session.Parse.GetValue(prefix), session.Parse.GetValue(limit));
            if (session.Output.Json)
            {
                session.Output.WriteJson(new MediaListJson(names), CliJsonContext.Output.MediaListJson);
            }
            else
            {
                foreach (var name in names)
                {
                    session.Output.WriteLine(name);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Info(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Media name, e.g. system_media/vm-enter_pass" }.RejectOptionLike();
        var command = new Command("info", "Describe a media item's current version") { name };
        runner.Handle(command, async session =>
        {
            var media = session.Parse.GetRequiredValue(name);
            var client = await session.ClientAsync();
            var info = await client.Media.GetInfoAsync(media) ?? throw new NotFoundException($"media '{media}' does not exist");
            WriteMedia(session.Output, info);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Url(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Media name" }.RejectOptionLike();
        var protocol = new Option<string?>("--protocol") { Description = "http or shout (default: shout for MP3, http otherwise)" };
        protocol.AcceptOnlyFromAmong("http", "shout");
        var format = new Option<string?>("--format") { Description = "wav or mp3 (default: as stored; any item can be had as WAV)" };
        format.AcceptOnlyFromAmong("wav", "mp3");
        var rate = new Option<int?>("--rate") { Description = "WAV sample rate in Hz (default: as stored)", HelpName = "hz" };
        var extant = new Option<bool>("--extant") { Description = "Join the item's continuous stream (stored MP3 only) instead of a new playback" };
        var command = new Command("url", "Get a signed playback URL") { name, protocol, format, rate, extant };
        runner.Handle(command, async session =>
        {
            var parse = session.Parse;
            var request = new UrlRequest(parse.GetRequiredValue(name), parse.GetValue(protocol), parse.GetValue(format), parse.GetValue(rate),
                parse.GetValue(extant) ? "extant" : null);
            var client = await session.ClientAsync();
            var url = await client.Media.GetPlaybackUrlAsync(request);
            if (session.Output.Json)
            {
                session.Output.WriteJson(new UrlJson(url.Url, url.Media.Name, url.Media.Version, url.ContentType), CliJsonContext.Output.UrlJson);
            }
            else
            {
                session.Output.WriteLine(url.Url);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Remove(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Media name" }.RejectOptionLike();
        var command = new Command("rm", "Delete a media item and all its versions") { name };
        runner.Handle(command, async session =>
        {
            var media = session.Parse.GetRequiredValue(name);
            var client = await session.ClientAsync();
            if (!await client.Media.DeleteAsync(media))
            {
                throw new NotFoundException($"media '{media}' does not exist");
            }

            if (session.Output.Json)
            {
                session.Output.WriteJson(new DeletedJson(media, true), CliJsonContext.Output.DeletedJson);
            }
            else
            {
                session.Output.WriteLine($"deleted {media}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A media item as a details grid, or as <see cref="MediaJson"/>.</summary>
    public static void WriteMedia(CommandOutput output, MediaInfo info)
    {
        if (output.Json)
        {
            output.WriteJson(MediaJson.From(info), CliJsonContext.Output.MediaJson);
            return;
        }

        output.Write(CommandOutput.Details(
            ("name", info.Name),
            ("version", info.Version),
            ("type", info.ContentType),
            ("length", $"{HumanFormat.Number(info.Length)} bytes"),
            ("modified", HumanFormat.Time(info.LastModified)),
            ("codec", info.Audio.Codec),
            ("rate", $"{info.Audio.SampleRate} Hz"),
            ("channels", $"{info.Audio.Channels}"),
            ("duration", HumanFormat.Duration(info.Audio.DurationMs)),
            ("bitrate", $"{info.Audio.Bitrate / 1000.0:0.#} kbps")));
    }

    public static Option<int> LimitOption()
    {
        var limit = new Option<int>("--limit") { Description = $"At most this many (1-{MaxListLimit})", DefaultValueFactory = _ => 1000 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxListLimit)
            {
                result.AddError($"--limit must be between 1 and {MaxListLimit}");
            }
        });
        return limit;
    }
}
