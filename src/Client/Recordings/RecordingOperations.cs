using System.Runtime.CompilerServices;
using MediaOrleans.Client.Media;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Client.Recordings;

/// <summary>
/// Recordings through their grains: allocate one for a source (FreeSWITCH, any libshout
/// client), watch it, push an existing MP3 in as one, read it back, store it as media, list them.
/// </summary>
/// <param name="grains">Any Orleans client's (or silo's) grain factory.</param>
public sealed class RecordingOperations(IGrainFactory grains)
{
    /// <summary>How often <see cref="WatchAsync"/> looks by default.</summary>
    public static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromMilliseconds(500);

    // The recording grain answers reads of at most 1 MiB.
    private const int ReadChunkBytes = 1024 * 1024;

    /// <summary>
    /// Allocates a recording (named <paramref name="name"/>, or a fresh <c>rec-…</c> name) for up to
    /// <paramref name="maxSeconds"/> (default: the silo's). The ticket's <c>shout://user:pass@…</c>
    /// URL is what the source records to. Throws <see cref="MediaRejectedException"/> for a bad or
    /// taken name or a length out of range.
    /// </summary>
    public Task<RecordingTicket> AllocateAsync(string? name = null, int? maxSeconds = null)
    {
        if (name is not null)
        {
            MediaOperations.RequireValidName(name);
        }

        return grains.GetGrain<IUrlGrain>(0).AllocateRecordingAsync(name, maxSeconds);
    }

    /// <summary>The recording's state, bytes and timing; <see cref="RecordingState.Unknown"/> when there is none.</summary>
    public Task<RecordingStatus> GetStatusAsync(string name)
    {
        MediaOperations.RequireValidName(name);
        return grains.GetGrain<IRecordingGrain>(name).GetStatusAsync();
    }

    /// <summary>
    /// The recording's status now and each time it changes (state, bytes, duration, ...), looking
    /// every <paramref name="interval"/>; ends after the first status that is neither
    /// <see cref="RecordingState.Allocated"/> nor <see cref="RecordingState.Receiving"/> (complete,
    /// stored, or unknown).
    /// </summary>
    public async IAsyncEnumerable<RecordingStatus> WatchAsync(string name, TimeSpan? interval = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        MediaOperations.RequireValidName(name);
        var pause = interval ?? DefaultWatchInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pause, TimeSpan.Zero, nameof(interval));
        var grain = grains.GetGrain<IRecordingGrain>(name);
        RecordingStatus? previous = null;
        while (true)
        {
            var status = await grain.GetStatusAsync().ConfigureAwait(false);
            if (status != previous)
            {
                yield return status;
                previous = status;
            }

            if (status.State is not (RecordingState.Allocated or RecordingState.Receiving))
            {
                yield break;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a complete recording as the media item <paramref name="mediaName"/>. Throws
    /// <see cref="MediaRejectedException"/> while it is still receiving (Conflict), when it is
    /// empty (NoData), unknown or larger than one upload may be (InvalidRequest).
    /// </summary>
    public Task<MediaInfo> StoreAsync(string recording, string mediaName)
    {
        MediaOperations.RequireValidName(recording);
        MediaOperations.RequireValidName(mediaName);
        return grains.GetGrain<IRecordingGrain>(recording).StoreAsync(mediaName);
    }

    /// <summary>Up to <paramref name="limit"/> recordings whose names start with <paramref name="prefix"/>, in ordinal order.</summary>
    public Task<IReadOnlyList<RecordingStatus>> ListAsync(string? prefix = null, int limit = MediaOperations.DefaultListLimit) =>
        grains.GetGrain<ICatalogGrain>(0).ListRecordingsAsync(prefix, limit);

    /// <summary>
    /// Copies the bytes the recording has received so far to <paramref name="destination"/> in
    /// 1 MiB reads; the number of bytes copied. Throws <see cref="RecordingNotFoundException"/>.
    /// </summary>
    public async Task<long> CopyToAsync(string name, Stream destination, CancellationToken cancellationToken = default)
    {
        MediaOperations.RequireValidName(name);
        ArgumentNullException.ThrowIfNull(destination);
        var grain = grains.GetGrain<IRecordingGrain>(name);
        long offset = 0;
        while (true)
        {
            var chunk = await grain.ReadAsync(offset, ReadChunkBytes).ConfigureAwait(false)
                ?? throw new RecordingNotFoundException(name);
            if (chunk.Data.Length == 0)
            {
                return offset;
            }

            await destination.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
            offset += chunk.Data.Length;
        }
    }

    /// <summary>
    /// Records <paramref name="source"/> (MP3, read to its end) as a new recording, the way a
    /// SHOUT source would but without pacing: allocate, admit with the ticket's credentials,
    /// append chunk by chunk (never one giant message), end. Reports the bytes accepted so far to
    /// <paramref name="progress"/>. Returns the complete recording; throws
    /// <see cref="RecordingPushException"/> when the recording stops taking bytes (a limit, or
    /// the source no longer admitted) and <see cref="MediaRejectedException"/> when it cannot be
    /// allocated. Cancelling ends the recording with what was sent.
    /// </summary>
    public async Task<RecordingStatus> PushAsync(Stream source, RecordingPushOptions? options = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new RecordingPushOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkBytes, RecordingPushOptions.MinChunkBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ChunkBytes, RecordingPushOptions.MaxChunkBytes, nameof(options));

        var ticket = await AllocateAsync(options.Name, options.MaxSeconds).ConfigureAwait(false);
        var grain = grains.GetGrain<IRecordingGrain>(ticket.Name);
        var admission = await grain.BeginSourceAsync(ticket.User, ticket.Password).ConfigureAwait(false);
        if (admission.Result != SourceAdmissionResult.Accepted)
        {
            throw new RecordingPushException(ticket.Name, AppendResult.NotAdmitted, 0, null,
                $"recording '{ticket.Name}' refused the source ({admission.Result})");
        }

        long sent = 0;
        try
        {
            while (true)
            {
                // A fresh array per append: the call may still be serializing it after it returns.
                var chunk = new byte[options.ChunkBytes];
                var read = await source.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return await grain.EndSourceAsync(admission.Session, SourceEnd.Closed).ConfigureAwait(false);
                }

                var result = await grain.AppendAsync(admission.Session, new RecordingChunk(read == chunk.Length ? chunk : chunk[..read]))
                    .ConfigureAwait(false);
                if (result != AppendResult.Continue)
                {
                    var status = await grain.GetStatusAsync().ConfigureAwait(false);
                    throw new RecordingPushException(ticket.Name, result, status.Bytes, status, Stopped(ticket, result, status));
                }

                sent += read;
                progress?.Report(sent);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The caller gave up or the file failed: end the recording now with what it has,
            // rather than leaving it receiving until the grain notices the source is lost.
            await grain.EndSourceAsync(admission.Session, SourceEnd.Closed).ConfigureAwait(false);
            throw;
        }
    }

    private static string Stopped(RecordingTicket ticket, AppendResult result, RecordingStatus status) => result switch
    {
        AppendResult.LimitReached when status.StoppedReason == "max-seconds" =>
            $"recording '{ticket.Name}' reached its {ticket.MaxSeconds} s limit after {status.Bytes} bytes ({status.DurationMs} ms of audio); "
            + "push again with a larger maxSeconds (up to the silo's Media:Recordings:MaxSeconds)",
        AppendResult.LimitReached =>
            $"recording '{ticket.Name}' reached the silo's size limit (Media:Recordings:MaxBytes) after {status.Bytes} bytes",
        AppendResult.SpoolFailed =>
            $"recording '{ticket.Name}' ended as spool-failed after {status.Bytes} bytes: the silo's spool disk is full (or failing); those bytes are kept",
        _ => $"recording '{ticket.Name}' stopped admitting the source after {status.Bytes} bytes ({status.StoppedReason ?? status.State.ToString()})",
    };
}
