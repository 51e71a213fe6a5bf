using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// The versions one media grain keeps: the current one and at most <see cref="MaxOlder"/> that
/// stopped being current, the one just replaced (listeners may be mid-stream on it) and one more
/// asked for by an old URL. A version that stops being current is served again only once the
/// store confirms it still has it (the directory store drops old versions, CouchDB keeps old
/// revisions). Every version that leaves the set goes to <c>dropped</c>, so its bytes can be let
/// go. Not thread-safe: the grain's turns never overlap.
/// </summary>
internal sealed class MediaVersions(Action<MediaVersion> dropped)
{
    /// <summary>Versions other than the current one kept in memory.</summary>
    public const int MaxOlder = 2;

    private readonly List<MediaVersion> _older = [];
    private Task<MediaVersion?>? _current;

    /// <summary>The current version if it is already known, without asking the store.</summary>
    public MediaVersion? KnownCurrent => _current is { IsCompletedSuccessfully: true } known ? known.Result : null;

    /// <summary>Every version kept, the current one last.</summary>
    public IEnumerable<MediaVersion> All => KnownCurrent is { } current ? [.. _older, current] : [.. _older];

    /// <summary>
    /// The current version, described by <paramref name="describe"/> on first use and shared by
    /// every caller meanwhile. A store failure is not kept: the next call asks again.
    /// </summary>
    public async Task<MediaVersion?> CurrentAsync(Func<Task<MediaVersion?>> describe)
    {
        var loading = _current ??= describe();
        try
        {
            return await loading;
        }
        catch (MediaStoreUnavailableException)
        {
            if (ReferenceEquals(_current, loading))
            {
                _current = null;
            }

            throw;
        }
    }

    /// <summary>A version kept besides the current one, confirmed or not.</summary>
    public MediaVersion? FindOlder(string version) => _older.Find(v => v.Version == version);

    /// <summary>The kept version named <paramref name="version"/>, current or older.</summary>
    public MediaVersion? Find(string version) =>
        KnownCurrent is { } current && current.Version == version ? current : FindOlder(version);

    /// <summary>
    /// Makes <paramref name="next"/> current (null: there is none); the previous current version
    /// becomes the newest older one, unconfirmed.
    /// </summary>
    public void MakeCurrent(MediaVersion? next)
    {
        if (KnownCurrent is { } previous && previous != next)
        {
            previous.Confirmed = false;
            _older.Remove(previous);
            _older.Add(previous);
        }

        if (next is not null)
        {
            _older.Remove(next);
            next.Confirmed = true;
        }

        TrimOlder();
        _current = Task.FromResult(next);
    }

    /// <summary>
    /// The store answered whether it still has <paramref name="version"/>: kept and confirmed when
    /// it does (<paramref name="stored"/> describes it), dropped when it does not (null).
    /// </summary>
    public MediaVersion? Confirm(string version, MediaInfo? stored)
    {
        var older = FindOlder(version);
        if (stored is null)
        {
            if (older is not null)
            {
                Drop(older);
            }

            return null;
        }

        if (older is null)
        {
            older = new MediaVersion(stored);
            _older.Add(older);
            TrimOlder();
        }

        older.Confirmed = true;
        return older;
    }

    /// <summary>Drops every version: the item is gone.</summary>
    public void Clear()
    {
        MakeCurrent(null);
        foreach (var older in _older.ToArray())
        {
            Drop(older);
        }
    }

    private void TrimOlder()
    {
        while (_older.Count > MaxOlder)
        {
            Drop(_older[0]);
        }
    }

    private void Drop(MediaVersion entry)
    {
        _older.Remove(entry);
        dropped(entry);
    }
}
