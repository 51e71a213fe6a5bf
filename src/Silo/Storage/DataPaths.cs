using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>Maps validated media and recording names onto paths below a root directory.</summary>
internal static class DataPaths
{
    /// <summary>
    /// <paramref name="root"/>/<paramref name="name"/> with <paramref name="suffix"/>. Names are
    /// checked against <see cref="MediaName"/> first, which rules out '..' and absolute paths.
    /// </summary>
    public static string For(string root, string name, string suffix)
    {
        if (!MediaName.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name", nameof(name));
        }

        return Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar) + suffix);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
