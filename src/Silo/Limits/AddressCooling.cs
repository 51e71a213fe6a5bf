using System.Net;

namespace MediaOrleans.Silo.Limits;

/// <summary>
/// Counts failures (wrong credentials) per source address. An address that fails
/// <c>maxFailures</c> times within <c>window</c> is cooled: refused outright for <c>cooling</c>,
/// whatever it presents, while every other address goes on as before. Entries end with their
/// window or cooling; past <see cref="MaxTracked"/> addresses the ended ones are swept, and if
/// an attacker with that many addresses still fills the table, counting starts over for all but
/// the cooled ones, so memory stays bounded whatever arrives.
/// </summary>
public sealed class AddressCooling(int maxFailures, TimeSpan window, TimeSpan cooling, TimeProvider time)
{
    /// <summary>Addresses tracked before a sweep.</summary>
    public const int MaxTracked = 65_536;

    private readonly Dictionary<IPAddress, Entry> _entries = [];
    private readonly object _lock = new();

    /// <summary>Time left of <paramref name="address"/>'s cooling, or null when it is not cooled.</summary>
    public TimeSpan? CoolingLeft(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(Key(address), out var entry) && entry.CooledUntil > now ? entry.CooledUntil - now : null;
        }
    }

    /// <summary>Counts a failure of <paramref name="address"/>; true when this one starts its cooling.</summary>
    public bool Fail(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var key = Key(address);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.EndsAt(window) <= now)
            {
                Sweep(now);
                entry = new Entry(now);
                _entries[key] = entry;
            }

            if (entry.CooledUntil > now)
            {
                return false;
            }

            if (++entry.Failures < maxFailures)
            {
                return false;
            }

            entry.CooledUntil = now + cooling;
            entry.Failures = 0;
            entry.WindowStart = now;
            return true;
        }
    }

    private static IPAddress Key(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void Sweep(DateTimeOffset now)
    {
        if (_entries.Count < MaxTracked)
        {
            return;
        }

        foreach (var (key, entry) in _entries.Where(pair => pair.Value.EndsAt(window) <= now).ToList())
        {
            _entries.Remove(key);
        }

        if (_entries.Count >= MaxTracked)
        {
            foreach (var (key, _) in _entries.Where(pair => pair.Value.CooledUntil <= now).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;

        public int Failures { get; set; }

        public DateTimeOffset CooledUntil { get; set; } = DateTimeOffset.MinValue;

        // An entry matters until its counting window and its cooling are both over.
        public DateTimeOffset EndsAt(TimeSpan window) => WindowStart + window > CooledUntil ? WindowStart + window : CooledUntil;
    }
}
