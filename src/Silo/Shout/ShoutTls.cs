using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using MediaOrleans.Silo.Tls;
using MediaOrleans.Silo.Wire;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Shout;

/// <summary>
/// TLS on the SHOUT port without a port of its own: a connection whose first byte opens a TLS
/// record (0x16, a ClientHello) is decrypted, anything else is plaintext as before. libshout
/// starts TLS on the same port after its plaintext probe goes unanswered, and libshout in
/// RFC 2818 mode and ffmpeg with <c>-tls 1</c> start with the handshake.
/// </summary>
public sealed class ShoutTls(ServerCertificate certificate, ShoutTlsSteering steering, IOptions<ShoutOptions> options, ILogger<ShoutTls> logger)
{
    private const byte TlsHandshakeRecord = 0x16;
    private readonly TimeSpan _headTimeout = options.Value.HeadTimeout;

    /// <summary>The transport to serve <paramref name="connection"/> on, decided by its first byte.</summary>
    public async Task<ShoutTransport> OpenAsync(ConnectionContext connection)
    {
        var transport = connection.Transport;
        if (steering.Mode == ShoutTlsMode.Off)
        {
            return ShoutTransport.Plain(transport);
        }

        using var deadline = new CancellationTokenSource(_headTimeout);
        ReadResult first;
        try
        {
            first = await transport.Input.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return ShoutTransport.Idle(transport);
        }

        var isTls = !first.Buffer.IsEmpty && first.Buffer.FirstSpan[0] == TlsHandshakeRecord;
        // Nothing consumed or examined: the head reader or the handshake reads it again.
        transport.Input.AdvanceTo(first.Buffer.Start);
        if (!isTls)
        {
            return ShoutTransport.Plain(transport);
        }

        var address = AddressOf(connection);
        var tls = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(certificate.ServerOptions(), deadline.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            // Most often a switch that does not trust the certificate ("bad certificate").
            steering.HandshakeFailed(address);
            ShoutLog.TlsHandshakeFailed(logger, address?.ToString(), ex.Message);
            await tls.DisposeAsync();
            return ShoutTransport.Ended;
        }

        // Not yet a success: libshout checks the host name after the handshake and hangs up if it
        // does not match, so the first request head is what proves TLS works (ShoutConnectionHandler).
        return ShoutTransport.Encrypted(tls);
    }

    /// <summary>The client's address, IPv4-mapped IPv6 written as IPv4 so one list serves both.</summary>
    public static IPAddress? AddressOf(ConnectionContext connection) =>
        connection.RemoteEndPoint is IPEndPoint { Address: var address }
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : null;
}
