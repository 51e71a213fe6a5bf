using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Moves data written in the earlier layout into the one of <see cref="DataPaths"/> when the
/// silo starts. The earlier layout appended a suffix to the name (<c>&lt;name&gt;.media/</c> for
/// media, <c>&lt;name&gt;.mp3</c> and <c>&lt;name&gt;.json</c> for recordings), which let one
/// name's files land inside another's. Files are moved one by one, never whole directories, so
/// an item nested in another's old directory is moved on its own; what is already in the new
/// layout wins. Each step tolerates another silo sharing the directory doing the same at once.
/// </summary>
internal static class LegacyLayout
{
    private const string MediaSuffix = ".media";
    private const string RecordSuffix = ".json";
    private const string AudioSuffix = ".mp3";

    /// <summary>Moves every old-layout media item below <paramref name="root"/>; the number moved.</summary>
    public static int MoveMedia(string root) => Move(root, Directory.EnumerateDirectories, "*" + MediaSuffix, directory =>
    {
        var meta = Path.Combine(directory, DirectoryMediaStore.MetaFile);
        if (!File.Exists(meta) || NameOf(root, directory, MediaSuffix) is not { } name)
        {
            return false;
        }

        var target = DataPaths.ItemDirectory(root, name);
        if (File.Exists(Path.Combine(target, DirectoryMediaStore.MetaFile)))
        {
            return false;
        }

        Directory.CreateDirectory(target);
        foreach (var content in Directory.EnumerateFiles(directory, "*.bin"))
        {
            File.Move(content, Path.Combine(target, Path.GetFileName(content)), overwrite: true);
        }

        // The description last: an item is found once its bytes are in place.
        File.Move(meta, Path.Combine(target, DirectoryMediaStore.MetaFile), overwrite: true);
        TryRemoveEmpty(directory);
        return true;
    });

    /// <summary>Moves every old-layout recording below <paramref name="root"/>; the number moved.</summary>
    public static int MoveRecordings(string root) => Move(root, Directory.EnumerateFiles, "*" + RecordSuffix, record =>
    {
        if (NameOf(root, record, RecordSuffix) is not { } name)
        {
            return false;
        }

        var target = DataPaths.ItemDirectory(root, name);
        if (File.Exists(Path.Combine(target, FileRecordingSpool.RecordFile)))
        {
            return false;
        }

        Directory.CreateDirectory(target);
        var audio = record[..^RecordSuffix.Length] + AudioSuffix;
        if (File.Exists(audio))
        {
            File.Move(audio, Path.Combine(target, FileRecordingSpool.AudioFile), overwrite: true);
        }

        File.Move(record, Path.Combine(target, FileRecordingSpool.RecordFile), overwrite: true);
        return true;
    });

    private static int Move(string root, Func<string, string, SearchOption, IEnumerable<string>> enumerate, string pattern,
        Func<string, bool> moveOne)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        // Listed first: moving changes the tree being walked.
        var found = enumerate(root, pattern, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Contains(DataPaths.ItemFolder))
            .ToList();
        var moved = 0;
        foreach (var path in found)
        {
            try
            {
                moved += moveOne(path) ? 1 : 0;
            }
            catch (IOException)
            {
                // Another silo moved it first, or it is being written: it is found in either layout's place next start.
            }
        }

        return moved;
    }

    private static string? NameOf(string root, string path, string suffix)
    {
        var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        var name = relative.EndsWith(suffix, StringComparison.Ordinal) ? relative[..^suffix.Length] : null;
        return MediaName.IsValid(name) ? name : null;
    }

    private static void TryRemoveEmpty(string directory)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Filled again meanwhile: it stays.
        }
    }
}
