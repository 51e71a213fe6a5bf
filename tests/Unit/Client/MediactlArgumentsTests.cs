using System.Text.Json;
using MediaOrleans.Cli.Commands;
using MediaOrleans.Client;
using MediaOrleans.Client.Connection;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Tests.Client;

/// <summary>
/// mediactl's command line down to the options it would connect with: the connection is
/// replaced by one that records what it was asked and then fails as an unreachable cluster would.
/// </summary>
public sealed class MediactlArgumentsTests
{
    [Theory]
    [InlineData("--gateway", "a:1", "--gateway", "b:2", "ls")]
    [InlineData("ls", "--gateway", "a:1", "--gateway", "b:2")]
    [InlineData("--gateway", "a:1", "ls", "-g", "b:2")]
    [InlineData("recordings", "-g", "a:1", "show", "x", "-g", "b:2")]
    public async Task Gateways_BeforeOrAfterTheSubcommand_AllArrive(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(["a:1", "b:2"], run.Options!.Gateways);
    }

    [Fact]
    public async Task Defaults_NoGatewayAndThreeSecondTimeout()
    {
        var run = await RunAsync(["ls"]);

        Assert.Empty(run.Options!.Gateways);
        Assert.Equal(TimeSpan.FromSeconds(3), run.Options.ConnectTimeout);
        Assert.Equal(ClusteringKind.StaticGateways, ClientClustering.From(run.Options).Kind);
        Assert.Equal("mediactl: cannot connect (test)", run.Error.Trim());
    }

    [Fact]
    public async Task ConfigurationArguments_WinOverTheEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Orleans:Clustering:ProviderType"] = "AdoNet",
            ["Orleans:Clustering:Invariant"] = "Npgsql",
            ["Orleans:Clustering:ConnectionString"] = "Host=env",
            ["Orleans:ClusterId"] = "from-env",
        };

        var run = await RunAsync(["cluster", "--Orleans:Clustering:ConnectionString=Host=arg;Database=m", "--connect-timeout", "7.5"], environment);

        var clustering = ClientClustering.From(run.Options!);
        Assert.Equal(ClusteringKind.AdoNetPostgres, clustering.Kind);
        Assert.Equal("Host=arg;Database=m", clustering.ConnectionString);
        Assert.Equal("from-env", clustering.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(7.5), run.Options!.ConnectTimeout);
    }

    [Fact]
    public async Task CannotConnect_WithJson_IsAnErrorDocumentOnStandardOutput()
    {
        var run = await RunAsync(["info", "x", "--json"]);

        Assert.Equal(4, run.ExitCode);
        var error = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("cannot_connect", error.GetProperty("error").GetString());
        Assert.Equal("cannot connect (test)", error.GetProperty("message").GetString());
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("ls", "--bogus")]
    [InlineData("info")]
    [InlineData("url", "x", "--protocol", "ftp")]
    [InlineData("url", "x", "--rate", "fast")]
    [InlineData("ls", "--limit", "0")]
    [InlineData("recordings", "follow", "x", "--interval-ms", "1")]
    [InlineData("nonsense")]
    [InlineData("ls", "--connect-timeout", "-1")]
    [InlineData("ls", "--Orleans:ClusterId")]
    public async Task UsageErrors_ExitOne_WithoutConnecting(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Null(run.Options);
        Assert.StartsWith("mediactl: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageError_NamesTheCommandToAskForHelp()
    {
        var run = await RunAsync(["recordings", "show"]);

        Assert.Equal(["mediactl: Required argument 'name' missing for command: 'show'.", "run 'mediactl recordings show --help' for usage"],
            run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task UsageError_WithJson_IsAnErrorDocument()
    {
        var run = await RunAsync(["--json", "ls", "--limit", "0"]);

        var error = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("usage", error.GetProperty("error").GetString());
        Assert.Contains("--limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_MissingFile_ExitsOneBeforeConnecting()
    {
        var run = await RunAsync(["push", "/nonexistent/x.mp3", "-g", "a:1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Null(run.Options);
        Assert.Equal("mediactl: file '/nonexistent/x.mp3' does not exist", run.Error.Trim());
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var run = await RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var command in (string[])["import", "ls", "info", "url", "rm", "record", "recordings", "store", "push", "cluster"])
        {
            Assert.Contains($"  {command} ", run.Output, StringComparison.Ordinal);
        }
    }

    private static async Task<Run> RunAsync(string[] args, IDictionary<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        MediaClientOptions? asked = null;
        var exitCode = await MediaCtl.RunAsync(args, output, error, outputIsTerminal: false, errorIsTerminal: false,
            builder => builder.AddInMemoryCollection(environment ?? new Dictionary<string, string?>()),
            (options, _) =>
            {
                asked = options;
                return Task.FromException<MediaClient>(new ClusterUnreachableException("cannot connect (test)"));
            });
        return new Run(exitCode, output.ToString(), error.ToString(), asked);
    }

    private sealed record Run(int ExitCode, string Output, string Error, MediaClientOptions? Options);
}
