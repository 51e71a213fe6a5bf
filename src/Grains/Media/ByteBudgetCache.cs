namespace MediaOrleans.Grains.Media;

/// <summary>
/// Least-recently-used byte arrays within a byte budget (the order kept by a
/// <see cref="ByteBudgetLedger{TKey}"/>). Adding past the budget evicts the entries used longest
/// ago; an entry larger than the whole budget is not kept at all. Thread-safe: all grains of a
/// silo share one.
/// </summary>
public sealed class ByteBudgetCache<TKey>(long budgetBytes)
    where TKey : notnull
{
    private readonly ByteBudgetLedger<TKey> _ledger = new(budgetBytes);
    private readonly Dictionary<TKey, byte[]> _values = [];
    private readonly Lock _gate = new();

    /// <summary>Bytes held now.</summary>
    public long Bytes => _ledger.Bytes;

    /// <summary>Finds <paramref name="key"/> and marks it used.</summary>
    public bool TryGet(TKey key, out byte[] value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var found))
            {
                _ledger.Touch(key);
                value = found;
                return true;
            }
        }

        value = [];
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/> if it fits the budget at all;
    /// returns how many entries were evicted to make room.
    /// </summary>
    public int Add(TKey key, byte[] value)
    {
        lock (_gate)
        {
            _values.Remove(key);
            _ledger.Remove(key);
            if (value.Length > budgetBytes)
            {
                return 0;
            }

            _values[key] = value;
            var evictions = _ledger.Add(key, value.Length);
            foreach (var evicted in evictions)
            {
                _values.Remove(evicted);
            }

            return evictions.Count;
        }
    }
}
