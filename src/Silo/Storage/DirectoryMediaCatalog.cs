using System.Runtime.CompilerServices;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Lists and removes the items of a <see cref="DirectoryMediaStore"/>: every
/// <c>&lt;name&gt;.media</c> directory with a <c>meta.json</c> under the root is one item.
/// </summary>
public sealed class DirectoryMediaCatalog(string root) : IMediaCatalog
{
    private const string Suffix = ".media";

    public async IAsyncEnumerable<string> ListNamesAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(root, "meta.json", SearchOption.AllDirectories)
            .Select(meta => Path.GetRelativePath(root, Path.GetDirectoryName(meta)!).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(item => item.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(item => item[..^Suffix.Length])
            .Where(name => MediaName.IsValid(name) && name.StartsWith(prefix ?? string.Empty, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var directory = DataPaths.For(root, name, Suffix);
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(false);
        }

        // The description goes first, so a reader never finds a description without its bytes.
        File.Delete(Path.Combine(directory, "meta.json"));
        Directory.Delete(directory, recursive: true);
        return Task.FromResult(true);
    }
}
