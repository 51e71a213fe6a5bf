using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MediaOrleans.Cli.Output;

/// <summary>
/// Where a command writes: results to standard output (a table, plain lines, or one JSON document
/// with <c>--json</c>), notes and progress to standard error so that results stay pipeable.
/// </summary>
internal sealed class CommandOutput
{
    // Output that is not a terminal still gets whole lines: a table must never wrap a URL.
    private const int RedirectedWidth = 4096;

    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly bool _errorIsTerminal;

    public CommandOutput(TextWriter output, TextWriter error, bool json, bool outputIsTerminal, bool errorIsTerminal)
    {
        _out = output;
        _error = error;
        _errorIsTerminal = errorIsTerminal;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = outputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = outputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!outputIsTerminal)
        {
            Console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>Whether results are JSON documents.</summary>
    public bool Json { get; }

    /// <summary>Standard output for tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether a progress bar may be drawn: a person is watching standard error and not reading JSON.</summary>
    public bool ShowsProgress => _errorIsTerminal && !Json;

    /// <summary>A console on standard error for progress bars.</summary>
    public IAnsiConsole ProgressConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(_error),
        Interactive = InteractionSupport.Yes,
    });

    /// <summary>Writes one JSON document on one line.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => _out.WriteLine(JsonSerializer.Serialize(value, type));

    /// <summary>Writes a plain line to standard output.</summary>
    public void WriteLine(string text) => _out.WriteLine(text);

    /// <summary>Writes a table or grid to standard output.</summary>
    public void Write(IRenderable renderable) => Console.Write(renderable);

    /// <summary>Writes a note for people to standard error (never part of a result).</summary>
    public void Note(string text) => _error.WriteLine(text);

    /// <summary>Reports a failure: JSON on standard output with <c>--json</c>, else <c>mediactl: message</c> on standard error.</summary>
    public void WriteError(ErrorReport report)
    {
        if (Json)
        {
            WriteJson(new ErrorJson(report.Code, report.Message), CliJsonContext.Output.ErrorJson);
        }
        else
        {
            _error.WriteLine($"mediactl: {report.Message}");
        }
    }

    /// <summary>A two-column grid of labels and values, each value taken literally (never as markup).</summary>
    public static Grid Details(params (string Label, string? Value)[] rows)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn());
        foreach (var (label, value) in rows)
        {
            grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value ?? "-"));
        }

        return grid;
    }

    /// <summary>A table with these headers, whose cells are added with <see cref="AddRow"/>.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>Adds a row whose cells are taken literally.</summary>
    public static void AddRow(Table table, params string?[] cells) => table.AddRow(cells.Select(cell => (IRenderable)new Text(cell ?? "-")));
}
