using System.Collections.Concurrent;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// The transcoded variants held by the media grains of one silo, within one byte budget
/// (<see cref="TranscodeOptions.CacheBytes"/>). A variant is transcoded once however many
/// readers ask at once, on the thread pool rather than the grain's scheduler, and no more than
/// <see cref="TranscodeOptions.MaxConcurrent"/> at a time.
/// </summary>
public sealed class TranscodeCache(IOptions<TranscodeOptions> options) : IDisposable
{
    private readonly ByteBudgetCache<(string, string, MediaVariant)> _held = new(options.Value.CacheBytes);
    private readonly ConcurrentDictionary<(string, string, MediaVariant), Task<byte[]?>> _running = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);

    /// <summary>Bytes of transcoded audio held now.</summary>
    public long HeldBytes => _held.Bytes;

    /// <summary>
    /// The variant of a media version, transcoded by <paramref name="transcode"/> if it is not
    /// held; null when it cannot be transcoded.
    /// </summary>
    public Task<byte[]?> GetAsync(string name, string version, MediaVariant variant, Func<byte[]?> transcode)
    {
        var key = (name, version, variant);
        if (_held.TryGet(key, out var bytes))
        {
            return Task.FromResult<byte[]?>(bytes);
        }

        // The entry is in the table before the work starts, so its removal always finds it.
        var result = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(key, result.Task);
        if (running == result.Task)
        {
            _ = RunAsync(key, result, transcode);
        }

        return running;
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private async Task RunAsync((string, string, MediaVariant) key, TaskCompletionSource<byte[]?> result, Func<byte[]?> transcode)
    {
        byte[]? bytes = null;
        Exception? failure = null;
        await _slots.WaitAsync();
        try
        {
            bytes = await Task.Run(transcode);
            if (bytes is not null)
            {
                _held.Add(key, bytes);
            }
        }
#pragma warning disable CA1031 // The failure belongs to the readers waiting for this variant.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            _slots.Release();
            // Out of the table before anyone sees the outcome: a later reader finds the variant
            // held, or tries again after a failure, never a finished run.
            _running.TryRemove(new KeyValuePair<(string, string, MediaVariant), Task<byte[]?>>(key, result.Task));
        }

        if (failure is null)
        {
            result.SetResult(bytes);
        }
        else
        {
            result.SetException(failure);
        }
    }
}
