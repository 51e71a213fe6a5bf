namespace MediaOrleans.Soak.Load;

/// <summary>The media items plays may ask for, each with the digest of the bytes stored; grows as recordings are stored.</summary>
public sealed class Catalog
{
    private readonly List<CatalogItem> _items = [];

    public void Add(CatalogItem item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    /// <summary>A random item of <paramref name="format"/>, or null when there is none yet.</summary>
    public CatalogItem? Pick(Random random, string format)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_items)
        {
            var matching = _items.Where(i => i.Format == format).ToList();
            return matching.Count == 0 ? null : matching[random.Next(matching.Count)];
        }
    }
}

/// <summary>A stored media item: its name, format (wav, mp3) and the SHA-256 of its bytes.</summary>
public sealed record CatalogItem(string MediaName, string Format, string Digest);
