using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>
/// Publishes and waits for the broker's confirm, matching confirms to publishes by sequence number
/// the way the silo does (src/Silo/Bus/PublisherConfirms.cs), so echo-confirms pays what the silo pays.
/// </summary>
internal sealed class ConfirmedPublisher : IDisposable
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _pending = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly IChannel _channel;

    public ConfirmedPublisher(IChannel channel)
    {
        _channel = channel;
        channel.BasicAcksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, true);
        channel.BasicNacksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, false);
    }

    public async Task<bool> PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body)
    {
        var confirmed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _publishing.WaitAsync();
        try
        {
            _pending[await _channel.GetNextPublishSequenceNumberAsync()] = confirmed;
            await _channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body);
        }
        finally
        {
            _publishing.Release();
        }

        return await confirmed.Task;
    }

    public void Dispose() => _publishing.Dispose();

    private Task Settle(ulong sequence, bool multiple, bool confirmed)
    {
        foreach (var pending in multiple ? [.. _pending.Keys] : new[] { sequence })
        {
            if (pending <= sequence && _pending.TryRemove(pending, out var each))
            {
                each.TrySetResult(confirmed);
            }
        }

        return Task.CompletedTask;
    }
}
