using System.Collections.Concurrent;
using MediaOrleans.Grains.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Matches the broker's publisher confirms (<c>basic.ack</c> / <c>basic.nack</c>, one or many at
/// once) to the publishes they answer, by publish sequence number. Done here rather than with the
/// client's own confirmation tracking, which adds an <c>x-dotnet-pub-seq-no</c> header to every
/// reply that Kazoo callers would receive; measured on an echo responder this way is also 1-3 %
/// faster (docs/BENCHMARKS.md, bus round trip).
/// </summary>
internal sealed class PublisherConfirms : IDisposable
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _pending = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly IChannel _channel;

    /// <summary>Tracks confirms on <paramref name="channel"/>, which must have publisher confirms enabled.</summary>
    public PublisherConfirms(IChannel channel)
    {
        _channel = channel;
        channel.BasicAcksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, confirmed: true);
        channel.BasicNacksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, confirmed: false);
        channel.ChannelShutdownAsync += (_, e) => FailAll(e);
    }

    /// <summary>
    /// Runs <paramref name="publish"/> under the next sequence number and completes with true once
    /// the broker confirmed it, false when it refused it; throws when the channel closes first.
    /// </summary>
    public async Task<bool> PublishAsync(Func<IChannel, ValueTask> publish, CancellationToken cancellationToken)
    {
        var confirmed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong sequence;
        // Taking the number and publishing must not interleave with another publish on the channel.
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            sequence = await _channel.GetNextPublishSequenceNumberAsync(cancellationToken);
            Track(sequence, confirmed);
            try
            {
                await publish(_channel);
            }
            catch
            {
                Untrack(sequence, out _);
                throw;
            }
        }
        finally
        {
            _publishing.Release();
        }

        try
        {
            return await confirmed.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Untrack(sequence, out _);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _publishing.Dispose();

    private Task Settle(ulong sequence, bool multiple, bool confirmed)
    {
        if (!multiple)
        {
            if (Untrack(sequence, out var one))
            {
                one.TrySetResult(confirmed);
            }

            return Task.CompletedTask;
        }

        foreach (var pending in _pending.Keys)
        {
            if (pending <= sequence && Untrack(pending, out var each))
            {
                each.TrySetResult(confirmed);
            }
        }

        return Task.CompletedTask;
    }

    // Every publish waiting for its confirm is on the outstanding gauge, from here to Untrack.
    private void Track(ulong sequence, TaskCompletionSource<bool> confirmed)
    {
        _pending[sequence] = confirmed;
        MediaMetrics.BusConfirmsOutstanding.Add(1);
    }

    private bool Untrack(ulong sequence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TaskCompletionSource<bool>? confirmed)
    {
        if (!_pending.TryRemove(sequence, out confirmed))
        {
            return false;
        }

        MediaMetrics.BusConfirmsOutstanding.Add(-1);
        return true;
    }

    // No confirm comes once the channel is gone; the requests are redelivered by the broker.
    private Task FailAll(ShutdownEventArgs reason)
    {
        foreach (var pending in _pending.Keys)
        {
            if (Untrack(pending, out var each))
            {
                each.TrySetException(new AlreadyClosedException(reason));
            }
        }

        return Task.CompletedTask;
    }
}
