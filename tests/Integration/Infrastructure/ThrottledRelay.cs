using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay on a free loopback port that passes a server's answers on at a fixed rate: the
/// network link between a silo and its CouchDB. Over bare loopback a whole attachment arrives in
/// milliseconds, so the difference between its first and its last byte could not be seen.
/// </summary>
public sealed class ThrottledRelay : IAsyncDisposable
{
    private const int PieceBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly long _bytesPerSecond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private ThrottledRelay(int targetPort, long bytesPerSecond)
    {
        _targetPort = targetPort;
        _bytesPerSecond = bytesPerSecond;
        _listener = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Relays to 127.0.0.1:<paramref name="targetPort"/>, answers at <paramref name="bytesPerSecond"/>.</summary>
    public static ThrottledRelay Start(int targetPort, long bytesPerSecond) => new(targetPort, bytesPerSecond);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                client.NoDelay = server.NoDelay = true;
                var up = client.GetStream().CopyToAsync(server.GetStream(), _stopping.Token);
                var down = PaceAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // Either side closing ends the relayed connection.
            }
        }
    }

    private async Task PaceAsync(Stream from, Stream to)
    {
        var buffer = new byte[PieceBytes];
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        int read;
        while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
        {
            // An idle kept-alive connection earns no credit: each answer is paced from its start.
            if (clock.Elapsed - TimeSpan.FromSeconds((double)sent / _bytesPerSecond) > TimeSpan.FromMilliseconds(50))
            {
                clock.Restart();
                sent = 0;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            sent += read;
            var due = TimeSpan.FromSeconds((double)sent / _bytesPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _stopping.Token);
            }
        }
    }
}
