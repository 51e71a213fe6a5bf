using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Maps validated media and recording names onto directories below a root, one to one: each
/// segment of the name is one directory level, and the item's own files sit in a child directory
/// called <see cref="ItemFolder"/>. So <c>a/b</c> keeps its files in <c>root/a/b/@item/</c> and
/// <c>a</c> in <c>root/a/@item/</c>. A name can never contain <c>@</c>, so no segment of any name
/// is an item directory: distinct names get distinct item directories, neither one inside the
/// other, whatever the names end with.
/// </summary>
internal static class DataPaths
{
    /// <summary>The directory that holds one item's files, below the directory of its last segment.</summary>
    public const string ItemFolder = "@item";

    /// <summary>
    /// The item directory of <paramref name="name"/> below <paramref name="root"/>. Names are
    /// checked against <see cref="MediaName"/> first, which rules out '..', absolute paths and '@'.
    /// </summary>
    public static string ItemDirectory(string root, string name)
    {
        if (!MediaName.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name", nameof(name));
        }

        return Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar), ItemFolder);
    }

    /// <summary>The name whose item directory is <paramref name="itemDirectory"/>, or <c>null</c> when it is none.</summary>
    public static string? NameOf(string root, string itemDirectory)
    {
        if (Path.GetFileName(itemDirectory) != ItemFolder)
        {
            return null;
        }

        var relative = Path.GetRelativePath(root, Path.GetDirectoryName(itemDirectory)!);
        var name = relative.Replace(Path.DirectorySeparatorChar, '/');
        return MediaName.IsValid(name) ? name : null;
    }

    /// <summary>
    /// Removes the empty directories left above a removed item, up to (not including)
    /// <paramref name="root"/>, so deleted names leave no trace. A directory that holds anything
    /// else, or that someone filled again meanwhile, stays: removing a directory only succeeds
    /// while it is empty.
    /// </summary>
    public static void RemoveEmptyParents(string root, string itemDirectory)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        for (var directory = Path.GetDirectoryName(itemDirectory);
             directory is not null && directory.Length > fullRoot.Length && directory.StartsWith(fullRoot, StringComparison.Ordinal);
             directory = Path.GetDirectoryName(directory))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    return;
                }

                Directory.Delete(directory, recursive: false);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = CreateWithParents(temporary))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A full disk fails the write: the half-written temporary file would hold on to space
            // (and pile up with every retry), so it goes; the earlier file at path stays as it was.
            DeleteQuietly(temporary);
            throw;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Never created (its directory could not be made): nothing to remove; the first failure is the one reported.
        }
    }

    private static FileStream CreateWithParents(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // A neighbour's removal took an empty parent away while this one was being made: make it again.
            }
        }
    }
}
