using System.Net.Sockets;

namespace MediaOrleans.Silo.Playback;

/// <summary>Writes playback bytes straight to a listener's socket, bypassing Kestrel's output pipe.</summary>
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
}
