using MediaOrleans.Client;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Cli.Commands;

/// <summary>
/// What commands run against: configuration (environment variables, then
/// <c>--Key:Path=value</c> arguments), the standard streams, and how to connect (replaceable so
/// parsing can be tested without a cluster).
/// </summary>
internal sealed record CommandEnvironment(
    IConfiguration Configuration,
    TextWriter Out,
    TextWriter Error,
    bool OutIsTerminal,
    bool ErrorIsTerminal,
    Func<MediaClientOptions, CancellationToken, Task<MediaClient>> Connect);
