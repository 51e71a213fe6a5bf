namespace MediaOrleans.Silo.Storage;

/// <summary>
/// The media and recordings directories of the embedded stores, in the current layout: opening
/// them moves what the earlier layout left there (see <see cref="LegacyLayout"/>) before any
/// store reads them. One instance per silo, so the move runs once.
/// </summary>
internal sealed record DataRoots(string Media, string Recordings)
{
    public static DataRoots Open(string media, string recordings, ILogger logger)
    {
        Report(logger, LegacyLayout.MoveMedia(media), "media items", media);
        Report(logger, LegacyLayout.MoveRecordings(recordings), "recordings", recordings);
        return new DataRoots(media, recordings);
    }

    private static void Report(ILogger logger, int moved, string kind, string root)
    {
        if (moved > 0)
        {
            StorageLog.LegacyLayoutMoved(logger, moved, kind, root);
        }
    }
}
