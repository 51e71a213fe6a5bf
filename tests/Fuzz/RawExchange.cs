using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MediaOrleans.Fuzz;

/// <summary>
/// Sends raw bytes on a fresh TCP connection and reads the answer. Once the silo has been quiet
/// for a moment the connection is half-closed: a server still waiting for the rest of a head or
/// body, or for a next request on a kept-alive connection, then sees the end of input, so every
/// exchange must end, by an answer or a close, within the deadline. An exchange that got no byte
/// back by then is a hang; one that answered and keeps sending (a live stream) is not.
/// </summary>
public static partial class RawExchange
{
    // Enough to see every status line of a pipelined exchange; the rest of a body is not needed.
    private const int ReadCap = 1 << 20;

    // Long enough for an admin request to be answered before its connection is half-closed
    // (Kestrel gives up on a request whose client has ended its side).
    private static readonly TimeSpan QuietBeforeHalfClose = TimeSpan.FromMilliseconds(1500);

    // Once an answer has begun, a shorter pause means it is complete and the connection is kept alive.
    private static readonly TimeSpan QuietAfterAnswer = TimeSpan.FromMilliseconds(200);

    public static async Task<Outcome> SendAsync(int port, ReadOnlyMemory<byte> request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        }
        catch (SocketException)
        {
            return new Outcome([], Refused: true);
        }

        var received = new MemoryStream();
        var reading = ReadAsync(socket, received, timeout.Token);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Refused mid-way (a 400 and a close, a reset): what it answered is still read below.
        }

        var ended = await reading;
        var answer = received.GetBuffer().AsSpan(0, (int)received.Length);
        return new Outcome(Statuses(answer), Hung: !ended && received.Length == 0 && !cancellationToken.IsCancellationRequested,
            Text: Encoding.Latin1.GetString(answer[..Math.Min(answer.Length, 4096)]));
    }

    /// <summary>Every status code at the start of a line of <paramref name="response"/> (HTTP/1.x and ICY).</summary>
    public static IReadOnlyList<int> Statuses(ReadOnlySpan<byte> response)
    {
        var text = Encoding.Latin1.GetString(response);
        return [.. StatusLine().Matches(text).Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))];
    }

    // True when the server closed (or reset) the connection, false when the deadline passed first.
    private static async Task<bool> ReadAsync(Socket socket, MemoryStream received, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var halfClosed = false;
        try
        {
            while (true)
            {
                var receiving = socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).AsTask();
                while (!halfClosed && await Task.WhenAny(receiving, Task.Delay(received.Length == 0 ? QuietBeforeHalfClose : QuietAfterAnswer, cancellationToken)) != receiving)
                {
                    halfClosed = true;
                    try
                    {
                        socket.Shutdown(SocketShutdown.Send);
                    }
                    catch (SocketException)
                    {
                        // Already reset by the server: the receive says so.
                    }
                }

                var read = await receiving;
                if (read == 0)
                {
                    return true;
                }

                if (received.Length < ReadCap)
                {
                    received.Write(buffer, 0, read);
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?:^|\r\n)(?:HTTP/1\.[01]|ICY) (\d{3})[ \r]")]
    private static partial Regex StatusLine();
}
