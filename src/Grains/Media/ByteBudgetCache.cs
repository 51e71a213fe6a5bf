namespace MediaOrleans.Grains.Media;

/// <summary>
/// Least-recently-used byte arrays within a byte budget. Adding past the budget evicts the
/// entries used longest ago; an entry larger than the whole budget is not kept at all.
/// Thread-safe: all grains of a silo share one.
/// </summary>
public sealed class ByteBudgetCache<TKey>(long budgetBytes)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, byte[] Value)>> _entries = [];
    private readonly LinkedList<(TKey Key, byte[] Value)> _byRecentUse = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>Bytes held now.</summary>
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

    /// <summary>Finds <paramref name="key"/> and marks it used.</summary>
    public bool TryGet(TKey key, out byte[] value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _byRecentUse.Remove(node);
                _byRecentUse.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = [];
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> if it fits the budget at all.</summary>
    public void Add(TKey key, byte[] value)
    {
        lock (_gate)
        {
            Remove(key);
            if (value.Length > budgetBytes)
            {
                return;
            }

            while (_bytes + value.Length > budgetBytes && _byRecentUse.Last is { } oldest)
            {
                Remove(oldest.Value.Key);
            }

            _entries[key] = _byRecentUse.AddFirst((key, value));
            _bytes += value.Length;
        }
    }

    private void Remove(TKey key)
    {
        if (_entries.Remove(key, out var node))
        {
            _byRecentUse.Remove(node);
            _bytes -= node.Value.Value.Length;
        }
    }
}
