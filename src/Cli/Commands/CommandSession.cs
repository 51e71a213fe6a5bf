using System.CommandLine;
using MediaOrleans.Cli.Output;
using MediaOrleans.Client;

namespace MediaOrleans.Cli.Commands;

/// <summary>
/// One command's run: its output, and a client connected on first use, so that checks of local
/// arguments (a missing file, a bad prefix) fail before any connection is tried.
/// </summary>
internal sealed class CommandSession : IAsyncDisposable
{
    private readonly CommandEnvironment _environment;
    private readonly MediaClientOptions _options;
    private MediaClient? _client;

    public CommandSession(CommandEnvironment environment, GlobalOptions global, ParseResult parse, CancellationToken cancellationToken)
    {
        _environment = environment;
        Parse = parse;
        CancellationToken = cancellationToken;
        Output = new CommandOutput(environment.Out, environment.Error, parse.GetValue(global.Json), environment.OutIsTerminal,
            environment.ErrorIsTerminal);
        _options = new MediaClientOptions
        {
            Configuration = environment.Configuration,
            ConnectTimeout = TimeSpan.FromSeconds(parse.GetValue(global.ConnectTimeout)),
        };
        foreach (var gateway in parse.GetValue(global.Gateway) ?? [])
        {
            _options.Gateways.Add(gateway);
        }
    }

    public ParseResult Parse { get; }

    public CancellationToken CancellationToken { get; }

    public CommandOutput Output { get; }

    /// <summary>The largest upload the client will send.</summary>
    public long MaxUploadBytes => _options.MaxUploadBytes;

    public async Task<MediaClient> ClientAsync() => _client ??= await _environment.Connect(_options, CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
