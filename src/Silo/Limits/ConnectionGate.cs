using System.Net;

namespace MediaOrleans.Silo.Limits;

/// <summary>
/// Counts one listener's open connections, in all and per source address, and admits a new one
/// only within both caps. An admitted connection holds a <see cref="Lease"/> until it closes;
/// addresses with no connection left are forgotten, so the table never outgrows the connections.
/// </summary>
public sealed class ConnectionGate(int maxConnections, int maxPerAddress)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly object _lock = new();
    private int _total;

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>
    /// Admits a connection from <paramref name="address"/> (null when the transport has none: it
    /// then counts against the global cap only). Returns its lease, or null with the cap it hit.
    /// </summary>
    public Lease? TryEnter(IPAddress? address, out ConnectionRefusal refusal)
    {
        var key = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        lock (_lock)
        {
            if (_total >= maxConnections)
            {
                refusal = ConnectionRefusal.ListenerFull;
                return null;
            }

            var held = key is null ? 0 : _perAddress.GetValueOrDefault(key);
            if (key is not null && held >= maxPerAddress)
            {
                refusal = ConnectionRefusal.AddressFull;
                return null;
            }

            _total++;
            if (key is not null)
            {
                _perAddress[key] = held + 1;
            }
        }

        refusal = ConnectionRefusal.None;
        return new Lease(this, key);
    }

    private void Leave(IPAddress? key)
    {
        lock (_lock)
        {
            _total--;
            if (key is not null && --_perAddress[key] == 0)
            {
                _perAddress.Remove(key);
            }
        }
    }

    /// <summary>One admitted connection; disposing it (once) gives its place back.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ConnectionGate _gate;
        private readonly IPAddress? _key;
        private int _released;

        internal Lease(ConnectionGate gate, IPAddress? key)
        {
            _gate = gate;
            _key = key;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _gate.Leave(_key);
            }
        }
    }
}
