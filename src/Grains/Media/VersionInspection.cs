using MediaOrleans.Grains.Audio;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Logging;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// Media written by someone else (another store writer, an import) arrives without an inspected
/// format, and transcoding needs one: such a version is inspected once, as soon as all its bytes
/// are there. Bytes that are no audio it knows are still served as stored, and never inspected again.
/// </summary>
internal static class VersionInspection
{
    /// <summary>Fills in the audio format of <paramref name="entry"/> if it has none and its bytes have all arrived.</summary>
    public static void InspectIfLoaded(MediaVersion entry, ILogger logger)
    {
        if (entry.Inspected || entry.Info.Audio.IsKnown)
        {
            return;
        }

        if (entry.Stored is not { IsCompletedSuccessfully: true } stored || stored.Result is not { IsComplete: true } bytes)
        {
            return;
        }

        entry.Inspected = true;
        try
        {
            var (_, format) = AudioInspector.Inspect(entry.Info.ContentType, bytes.Content);
            entry.Info = entry.Info with { Audio = format };
        }
        catch (MediaRejectedException rejected)
        {
            MediaLog.NotInspectable(logger, entry.Info.Name, entry.Version, rejected.Message);
        }
    }
}
