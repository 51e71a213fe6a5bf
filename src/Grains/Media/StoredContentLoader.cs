using MediaOrleans.Grains.Storage;
using MediaOrleans.Grains.Telemetry;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Brings one media item's stored bytes in from the store and keeps the silo's ledger
/// (<see cref="HeldContent"/>) in step with what its grain holds. A load opens the store's
/// stream and fills the content in the background, so readers start on the first bytes; the
/// fill runs off the grain's scheduler because it only touches the content object. A load that
/// finds nothing or breaks off is forgotten, so the next read loads again.
/// </summary>
internal sealed class StoredContentLoader(
    string name,
    IMediaStore store,
    HeldContent held,
    TimeProvider time,
    ILogger logger,
    CancellationToken stopping)
{
    /// <summary>
    /// The bytes of <paramref name="entry"/>, loaded on first use, once the <paramref name="count"/>
    /// from <paramref name="offset"/> (or up to the end) have arrived; null when the store no
    /// longer has the version or the load broke off before them.
    /// </summary>
    public async Task<ArrivingBytes?> ArrivedAsync(MediaVersion entry, long offset, long count)
    {
        var tier = new KeyValuePair<string, object?>("tier", MemoryTiers.Grains);
        if (entry.Stored is null)
        {
            MediaMetrics.CacheMisses.Add(1, tier);
        }
        else
        {
            MediaMetrics.CacheHits.Add(1, tier);
        }

        var loading = entry.Stored ??= LoadAsync(entry.Info.Name, entry.Version, entry.Info.Length);
        ArrivingBytes? bytes;
        try
        {
            bytes = await loading;
        }
        catch (MediaStoreUnavailableException)
        {
            // The store could not be opened (it is down): forget the failed load, or every later
            // read would get the same failure long after the store is back.
            Drop(entry, loading);
            throw;
        }

        if (bytes is null || !await bytes.WaitForAsync(Math.Min(offset, bytes.Length) + Math.Min(count, bytes.Length)))
        {
            Drop(entry, loading);
            return null;
        }

        return bytes;
    }

    /// <summary>The grain stored <paramref name="content"/> as this version: held at once, unless its bytes are already held or loading.</summary>
    public void Uploaded(MediaVersion entry, byte[] content)
    {
        if (entry.Stored is null)
        {
            entry.Stored = Task.FromResult<ArrivingBytes?>(ArrivingBytes.Complete(content));
            held.Hold(name, entry.Version, content.Length);
        }
    }

    /// <summary>The version was read: it is the last the silo lets go.</summary>
    public void Touch(MediaVersion entry) => held.Touch(name, entry.Version);

    /// <summary>
    /// The ledger took the version off to stay within the budget: readers already reading keep
    /// their bytes until they finish; the next read loads again.
    /// </summary>
    public static void Released(MediaVersion entry) => entry.Stored = null;

    /// <summary>The version left the grain: its bytes leave the ledger.</summary>
    public void Forget(MediaVersion entry)
    {
        if (entry.Stored is not null)
        {
            held.Forget(name, entry.Version);
        }
    }

    // Only the load that failed is dropped: a reader arriving late must not drop a newer one.
    private void Drop(MediaVersion entry, Task<ArrivingBytes?> failed)
    {
        if (entry.Stored == failed)
        {
            entry.Stored = null;
            held.Forget(name, entry.Version);
        }
    }

    private async Task<ArrivingBytes?> LoadAsync(string media, string version, long length)
    {
        var started = time.GetTimestamp();
        Stream? stream;
        try
        {
            stream = await store.OpenReadAsync(media, version, stopping);
        }
        catch (MediaStoreUnavailableException)
        {
            MediaMetrics.StoreReadFailures.Add(1, MediaMetrics.Tag("reason", "unavailable"));
            throw;
        }

        if (stream is null)
        {
            MediaMetrics.StoreReadFailures.Add(1, MediaMetrics.Tag("reason", "missing"));
            MediaLog.VersionMissing(logger, media, version);
            return null;
        }

        var bytes = new ArrivingBytes(length);
        held.CountStoreRead();
        held.Hold(name, version, length);
        _ = Task.Run(() => FillAsync(stream, bytes, media, version, started), CancellationToken.None);
        return bytes;
    }

    private async Task FillAsync(Stream stream, ArrivingBytes bytes, string media, string version, long started)
    {
        // Counted before the last bytes (or the failure) reach the readers: whoever saw the load
        // end sees it in the metrics too.
        var took = TimeSpan.Zero;
        try
        {
            await using (stream)
            {
                while (!bytes.IsComplete)
                {
                    var read = await stream.ReadAsync(bytes.Unfilled, stopping);
                    if (read == 0)
                    {
                        throw new EndOfStreamException($"the store sent {bytes.Arrived} of {bytes.Length} bytes");
                    }

                    if (bytes.Arrived + read == bytes.Length)
                    {
                        took = Loaded(started);
                    }

                    bytes.Advance(read);
                }
            }

            if (bytes.Length == 0)
            {
                took = Loaded(started);
            }

            MediaLog.Loaded(logger, media, version, bytes.Length, took.TotalMilliseconds);
        }
#pragma warning disable CA1031 // Any failure of the store's stream ends this load only; readers see it through the content.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaMetrics.StoreReadFailures.Add(1, MediaMetrics.Tag("reason", "interrupted"));
            bytes.Fail(ex);
            MediaLog.LoadFailed(logger, media, version, bytes.Arrived, bytes.Length, ex.Message);
        }
    }

    private TimeSpan Loaded(long started)
    {
        var took = time.GetElapsedTime(started);
        MediaMetrics.StoreReadDuration.Record(took.TotalSeconds);
        return took;
    }
}
