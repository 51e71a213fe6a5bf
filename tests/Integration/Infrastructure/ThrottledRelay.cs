using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay on a free loopback port that passes a server's answers on at a fixed rate: the
/// network link between a silo and its CouchDB. Over bare loopback a whole attachment arrives in
/// milliseconds, so the difference between its first and its last byte could not be seen. It can
/// also hold every answer back after its first bytes until released, so a test can see what a
/// client of the silo gets while the silo has only part of what it asked CouchDB for.
/// </summary>
public sealed class ThrottledRelay : IAsyncDisposable
{
    private const int PieceBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly long _bytesPerSecond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private long _holdAfter = long.MaxValue;
    private TaskCompletionSource _released = Released();
    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>
    /// From now on, passes at most <paramref name="bytes"/> (rounded up to the relay's 16 KiB
    /// pieces) of each answer and holds the rest until <see cref="Release"/>. An answer is what
    /// the server sends after the client's latest request bytes on that connection.
    /// </summary>
    public void HoldAnswersAfter(long bytes)
    {
        lock (_gate)
        {
            _holdAfter = bytes;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes once an answer is being held back (its first bytes passed, the rest waiting).</summary>
    public Task Holding
    {
        get
        {
            lock (_gate)
            {
                return _holding.Task;
            }
        }
    }

    /// <summary>Lets every held answer go on, and holds no more.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _holdAfter = long.MaxValue;
            _released.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Release();
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
                var answer = new AnswerLength();
                var up = ForwardRequestsAsync(client.GetStream(), server.GetStream(), answer);
                var down = PaceAsync(server.GetStream(), client.GetStream(), answer);
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // Either side closing ends the relayed connection.
            }
        }
    }

    // Client to server as it comes; each request's bytes start a new answer.
    private async Task ForwardRequestsAsync(Stream from, Stream to, AnswerLength answer)
    {
        var buffer = new byte[PieceBytes];
        int read;
        while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
        {
            Interlocked.Exchange(ref answer.Bytes, 0);
            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
        }
    }

    private async Task PaceAsync(Stream from, Stream to, AnswerLength answer)
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

            await HoldIfDueAsync(Interlocked.Read(ref answer.Bytes));
            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            Interlocked.Add(ref answer.Bytes, read);
            sent += read;
            var due = TimeSpan.FromSeconds((double)sent / _bytesPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _stopping.Token);
            }
        }
    }

    private async Task HoldIfDueAsync(long answered)
    {
        Task released;
        lock (_gate)
        {
            if (answered < _holdAfter)
            {
                return;
            }

            _holding.TrySetResult();
            released = _released.Task;
        }

        await released.WaitAsync(_stopping.Token);
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    // Bytes of the current answer on one relayed connection.
    private sealed class AnswerLength
    {
        public long Bytes;
    }
}
