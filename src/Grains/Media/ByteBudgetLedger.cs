namespace MediaOrleans.Grains.Media;

/// <summary>
/// Sizes of things held elsewhere, least recently used first, within a byte budget. Adding past
/// the budget takes the entries used longest ago off the ledger and returns them, so their
/// holders can be told to let them go. The entry just added is never returned. Thread-safe.
/// </summary>
public sealed class ByteBudgetLedger<TKey>(long budgetBytes)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, long Bytes)>> _entries = [];
    private readonly LinkedList<(TKey Key, long Bytes)> _byRecentUse = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>Bytes on the ledger now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Records <paramref name="key"/> as most recently used; answers the entries to let go.</summary>
    public IReadOnlyList<TKey> Add(TKey key, long bytes)
    {
        var evicted = new List<TKey>();
        lock (_gate)
        {
            RemoveLocked(key);
            _entries[key] = _byRecentUse.AddFirst((key, bytes));
            _bytes += bytes;
            while (_bytes > budgetBytes && _byRecentUse.Last is { } oldest && !EqualityComparer<TKey>.Default.Equals(oldest.Value.Key, key))
            {
                evicted.Add(oldest.Value.Key);
                RemoveLocked(oldest.Value.Key);
            }
        }

        return evicted;
    }

    /// <summary>Marks <paramref name="key"/> as just used, if it is on the ledger.</summary>
    public void Touch(TKey key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && node != _byRecentUse.First)
            {
                _byRecentUse.Remove(node);
                _byRecentUse.AddFirst(node);
            }
        }
    }

    /// <summary>Takes <paramref name="key"/> off the ledger.</summary>
    public void Remove(TKey key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(TKey key)
    {
        if (_entries.Remove(key, out var node))
        {
            _byRecentUse.Remove(node);
            _bytes -= node.Value.Bytes;
        }
    }
}
