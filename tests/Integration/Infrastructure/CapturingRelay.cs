using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay on a free loopback port that keeps every byte clients send through it, one
/// capture per connection: what an observer on the wire between a switch and the silo sees.
/// </summary>
public sealed class CapturingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, FreePorts.Next());
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<MemoryStream> _captures = [];
    private readonly Task _accepting;

    private CapturingRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What clients sent, one array per connection, in the order they connected.</summary>
    public IReadOnlyList<byte[]> Captures
    {
        get
        {
            lock (_captures)
            {
                return [.. _captures.Select(capture => capture.ToArray())];
            }
        }
    }

    /// <summary>Relays to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static CapturingRelay Start(int targetPort) => new(targetPort);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var capture = new MemoryStream();
            lock (_captures)
            {
                _captures.Add(capture);
            }

            _ = RelayAsync(client, capture);
        }
    }

    private async Task RelayAsync(TcpClient client, MemoryStream capture)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                var upstream = CopyAsync(client.GetStream(), server.GetStream(), capture);
                var downstream = CopyAsync(server.GetStream(), client.GetStream(), null);
                await Task.WhenAny(upstream, downstream);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // Either side hung up: the relay closes both, as a network path would.
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, MemoryStream? capture)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
        {
            if (capture is not null)
            {
                lock (_captures)
                {
                    capture.Write(buffer, 0, read);
                }
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
        }
    }
}
