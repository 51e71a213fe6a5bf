using System.Runtime.CompilerServices;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Lists and removes the items of a <see cref="DirectoryMediaStore"/>: every item directory (see
/// <see cref="DataPaths"/>) with a <c>meta.json</c> under the root is one item.
/// </summary>
public sealed class DirectoryMediaCatalog(string root) : IMediaCatalog
{
    public async IAsyncEnumerable<string> ListNamesAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(root, DirectoryMediaStore.MetaFile, SearchOption.AllDirectories)
            .Select(meta => DataPaths.NameOf(root, Path.GetDirectoryName(meta)!))
            .OfType<string>()
            .Where(name => name.StartsWith(prefix ?? string.Empty, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }

    /// <summary>Removes exactly the item <paramref name="name"/>; <c>false</c> when there is no such item.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var directory = DataPaths.ItemDirectory(root, name);
        var meta = Path.Combine(directory, DirectoryMediaStore.MetaFile);
        if (!File.Exists(meta))
        {
            return Task.FromResult(false);
        }

        // The description goes first, so a reader never finds a description without its bytes.
        // The item directory holds only this item's files: items named below it live beside it.
        File.Delete(meta);
        Directory.Delete(directory, recursive: true);
        DataPaths.RemoveEmptyParents(root, directory);
        return Task.FromResult(true);
    }
}
