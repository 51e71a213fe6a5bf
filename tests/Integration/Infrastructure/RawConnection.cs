using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>A plain TCP connection for byte-level protocol checks of both listeners.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private NetworkStream _stream = null!;

    private RawConnection(TcpClient client) => _client = client;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static Task<RawConnection> OpenAsync(int port) => OpenAsync(port, IPAddress.Loopback);

    /// <summary>
    /// Connects to 127.0.0.1:<paramref name="port"/> from <paramref name="source"/>: any address of
    /// 127.0.0.0/8 is the machine's own, so a test can be several callers (127.0.0.2, …).
    /// <paramref name="receiveBuffer"/> shrinks the socket's receive buffer (a slow reader).
    /// </summary>
    public static async Task<RawConnection> OpenAsync(int port, IPAddress source, int? receiveBuffer = null)
    {
        var client = new TcpClient(new IPEndPoint(source, 0)) { NoDelay = true };
        if (receiveBuffer is { } size)
        {
            client.ReceiveBufferSize = size;
        }

        var connection = new RawConnection(client);
        await client.ConnectAsync(IPAddress.Loopback, port);
        connection._stream = client.GetStream();
        return connection;
    }

    /// <summary>Sends ASCII text as is.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Sends bytes.</summary>
    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one response head (through the blank line), or what arrived before close.</summary>
    public async Task<string> ReadHeadAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, deadline.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>Reads exactly <paramref name="length"/> body bytes.</summary>
    public async Task<byte[]> ReadBodyAsync(int length)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, deadline.Token);
        return body;
    }

    /// <summary>
    /// Reads the body that <paramref name="head"/> announces: <c>Content-Length</c> bytes, or a
    /// chunked body decoded (Kestrel sends JSON answers chunked).
    /// </summary>
    public async Task<byte[]> ReadBodyOfAsync(string head)
    {
        if (HeaderOf(head, "Content-Length") is { } length)
        {
            return await ReadBodyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal("chunked", HeaderOf(head, "Transfer-Encoding"));
        var body = new List<byte>();
        while (true)
        {
            var sizeLine = await ReadLineAsync();
            var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                Assert.Equal(string.Empty, await ReadLineAsync());
                return [.. body];
            }

            body.AddRange(await ReadBodyAsync(size));
            Assert.Equal(string.Empty, await ReadLineAsync());
        }
    }

    private async Task<string> ReadLineAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, deadline.Token) == 0)
            {
                throw new EndOfStreamException($"connection closed in a chunked body after '{line}'");
            }

            line.Append((char)one[0]);
        }

        return line.ToString()[..^2];
    }

    /// <summary>The value of header <paramref name="name"/> in a response head, or null.</summary>
    public static string? HeaderOf(string head, string name) =>
        head.Split("\r\n").Skip(1).Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1].Trim()).FirstOrDefault();

    /// <summary>Reads until the server closes (or resets) the connection or the time runs out; the bytes read.</summary>
    public async Task<long> ReadToEndAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        var total = 0L;
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                total += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }

        return total;
    }

    /// <summary>Whether the server closed the connection (reads until end of stream, within the deadline).</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The status code of a response head.</summary>
    public static int StatusOf(string head) =>
        head.Length >= 12 ? int.Parse(head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client.Dispose();
    }
}
