using System.IO.Pipelines;
using System.Net.Security;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// How a SHOUT connection is read and written: the connection's own pipes, or pipes over a TLS
/// stream. <see cref="Pipe"/> is null when the connection ended before a request could be read.
/// </summary>
public sealed class ShoutTransport : IAsyncDisposable
{
    private readonly SslStream? _tls;

    private ShoutTransport(IDuplexPipe? pipe, SslStream? tls, bool idle)
    {
        Pipe = pipe;
        _tls = tls;
        IsIdle = idle;
    }

    /// <summary>The pipes to read heads from and write answers to.</summary>
    public IDuplexPipe? Pipe { get; }

    /// <summary>Whether the client sent nothing within the head timeout (answered 408, as before TLS).</summary>
    public bool IsIdle { get; }

    /// <summary>Whether the connection is encrypted: answers must go through <see cref="Pipe"/>, never to the socket.</summary>
    public bool IsEncrypted => _tls is not null;

    /// <summary>How the bytes travel, for the log: <c>Tls13</c>, <c>Tls12</c> or <c>plaintext</c>.</summary>
    public string Name => _tls?.SslProtocol.ToString() ?? "plaintext";

    /// <summary>The connection's own pipes.</summary>
    public static ShoutTransport Plain(IDuplexPipe pipe) => new(pipe, null, idle: false);

    /// <summary>Pipes over an authenticated TLS stream.</summary>
    public static ShoutTransport Encrypted(SslStream tls) =>
        new(new TlsPipe(PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true))), tls, idle: false);

    /// <summary>Nothing arrived in time.</summary>
    public static ShoutTransport Idle(IDuplexPipe pipe) => new(pipe, null, idle: true);

    /// <summary>The connection ended (a failed handshake): nothing to serve.</summary>
    public static ShoutTransport Ended { get; } = new(null, null, idle: false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_tls is not null && Pipe is not null)
        {
            await Pipe.Input.CompleteAsync();
            await Pipe.Output.CompleteAsync();
            await _tls.DisposeAsync();
        }
    }

    private sealed record TlsPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
