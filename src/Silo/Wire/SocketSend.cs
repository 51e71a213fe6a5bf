using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// Writes answers straight to a listener's socket, bypassing Kestrel's output pipe (which copies
/// every body into 4 KiB blocks first); through the pipe only when the transport has no socket.
/// </summary>
public static class SocketSend
{
    /// <summary>Sends every byte of <paramref name="bytes"/>, however many sends the socket needs.</summary>
    public static async ValueTask AllAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[await socket.SendAsync(bytes, SocketFlags.None, cancellationToken)..];
        }
    }

    /// <summary>Sends a head alone.</summary>
    public static ValueTask HeadAsync(Socket? socket, PipeWriter output, byte[] head) => HeadAndBodyAsync(socket, output, head, default);

    /// <summary>Sends a head (if any) and a piece of body, in one gather write when both are at hand.</summary>
    /// <remarks>Cancelling <paramref name="cancellationToken"/> (a client too slow to take it) abandons the send.</remarks>
    public static async ValueTask HeadAndBodyAsync(Socket? socket, PipeWriter output, byte[]? head, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        if (socket is null)
        {
            if (head is not null)
            {
                output.Write(head);
            }

            await output.WriteAsync(body, cancellationToken);
            return;
        }

        if (head is not null && !body.IsEmpty && MemoryMarshal.TryGetArray(body, out var segment))
        {
            // The gather send has no cancellable overload: a cancelled one is ended by closing the socket.
            await using var abort = cancellationToken.Register(socket.Dispose);
            try
            {
                await socket.SendAsync(new List<ArraySegment<byte>> { head, segment }, SocketFlags.None);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return;
        }

        if (head is not null)
        {
            await AllAsync(socket, head, cancellationToken);
        }

        await AllAsync(socket, body, cancellationToken);
    }
}
