using System.Diagnostics.CodeAnalysis;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Which recordings may be stored as which media item, checked before anything is saved: a
/// refused store changes nothing, and every refusal names its reason to the caller.
/// </summary>
internal static class StoreRequestRules
{
    /// <summary>
    /// Throws <see cref="MediaRejectedException"/> unless recording <paramref name="name"/>
    /// (<paramref name="record"/>, <paramref name="bytes"/> spooled) may be stored as <paramref name="mediaName"/>.
    /// </summary>
    public static void Check(string name, [NotNull] RecordingRecord? record, long bytes, string mediaName)
    {
        if (!MediaName.IsValid(mediaName))
        {
            throw new MediaRejectedException(MediaRejection.InvalidName, $"'{mediaName}' is not a valid media name");
        }

        if (record is null)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest, $"recording '{name}' does not exist");
        }

        if (record.State is RecordingState.Allocated or RecordingState.Receiving)
        {
            throw new MediaRejectedException(MediaRejection.Conflict,
                $"recording '{name}' is {record.State.ToString().ToLowerInvariant()}; store it once it is complete");
        }

        // Storing sends the whole recording in one ReplaceAsync message, which must stay below
        // Orleans' message limit: refuse clearly instead of failing inside the runtime.
        if (bytes > MediaUpload.MaxContentBytes)
        {
            throw new MediaRejectedException(MediaRejection.InvalidRequest,
                $"recording '{name}' has {bytes} bytes; at most {MediaUpload.MaxContentBytes} bytes can be stored as media");
        }

        if (bytes == 0)
        {
            throw new MediaRejectedException(MediaRejection.NoData, $"recording '{name}' received no audio");
        }

        // A stored recording stays what it was stored as: storing it again elsewhere would copy
        // someone's message over any other item long after it was meant to be kept.
        if (record is { State: RecordingState.Stored, StoredAs: { } storedAs } && storedAs != mediaName)
        {
            throw new MediaRejectedException(MediaRejection.Conflict, $"recording '{name}' is already stored as '{storedAs}'");
        }

        if (record.PendingStoreAs is { } pending && pending != mediaName)
        {
            throw new MediaRejectedException(MediaRejection.Conflict, $"recording '{name}' is waiting to be stored as '{pending}'");
        }
    }
}
