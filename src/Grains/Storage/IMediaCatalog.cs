namespace MediaOrleans.Grains.Storage;

/// <summary>
/// The whole collection of a media store, beside <see cref="IMediaStore"/>'s item-by-item
/// access: which names exist, and removing an item with all its versions.
/// </summary>
public interface IMediaCatalog
{
    /// <summary>Names of stored items starting with <paramref name="prefix"/> (all when empty), in ordinal order.</summary>
    IAsyncEnumerable<string> ListNamesAsync(string? prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="name"/> and every version of it; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
