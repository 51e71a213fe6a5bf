using MediaOrleans.Client.Media;

namespace MediaOrleans.Cli.Import;

/// <summary>
/// What an import will do, decided before anything is sent: which files go in under which names,
/// and which cannot (no name possible, two files wanting one name, over the upload limit).
/// </summary>
internal sealed record ImportPlan(IReadOnlyList<ImportItem> Items, IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Plans the import of a file or a whole folder tree of .wav and .mp3 files.</summary>
    public static ImportPlan ForPath(string path, string? prefix, long maxUploadBytes)
    {
        var normalized = MediaNameFromPath.NormalizePrefix(prefix);
        if (File.Exists(path))
        {
            if (MediaContentTypes.FromFileName(path) is null)
            {
                throw new FormatException($"'{path}' is neither a .wav nor an .mp3 file");
            }

            return FromFiles([(path, Path.GetFileName(path), new FileInfo(path).Length)], normalized, maxUploadBytes);
        }

        if (!Directory.Exists(path))
        {
            throw new FormatException($"'{path}' is neither a file nor a directory");
        }

        // Hidden files and folders (dot names) are skipped, as the default enumeration does.
        var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true })
            .Where(file => MediaContentTypes.FromFileName(file) is not null)
            .Select(file => (file, Path.GetRelativePath(path, file), new FileInfo(file).Length));
        return FromFiles(files, normalized, maxUploadBytes);
    }

    /// <summary>
    /// Plans <paramref name="files"/> (path, path relative to the imported folder, length) in
    /// ordinal order of their relative paths, so the first of two files that map to one name wins
    /// the same way on every run.
    /// </summary>
    public static ImportPlan FromFiles(IEnumerable<(string File, string RelativePath, long Length)> files, string prefix, long maxUploadBytes)
    {
        var items = new List<ImportItem>();
        var problems = new List<ImportProblem>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, relative, length) in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var name = MediaNameFromPath.Derive(relative, prefix, out var why);
            if (name is null)
            {
                problems.Add(new ImportProblem(file, null, "invalid_name", why!));
            }
            else if (taken.TryGetValue(name, out var first))
            {
                problems.Add(new ImportProblem(file, name, "duplicate_name", $"'{relative}' maps to '{name}', already taken by '{first}'"));
            }
            else if (length > maxUploadBytes)
            {
                taken[name] = relative;
                problems.Add(new ImportProblem(file, name, "too_large", $"'{relative}' is {length} bytes; uploads are limited to {maxUploadBytes}"));
            }
            else
            {
                taken[name] = relative;
                items.Add(new ImportItem(file, name, MediaContentTypes.FromFileName(file)!, length));
            }
        }

        return new ImportPlan(items, problems);
    }
}
