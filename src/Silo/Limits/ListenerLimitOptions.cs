using System.ComponentModel.DataAnnotations;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Silo.Limits;

/// <summary>
/// How many connections a listener holds at once, in all and per source address: the same keys
/// and defaults on both listeners (<c>Media:Http:…</c>, <c>Media:Shout:…</c>). The defaults leave
/// room for a cluster of switches behind one address (NAT); the per-address cap stops one host
/// from taking every slot.
/// </summary>
public abstract class ListenerLimitOptions : HeadOptions
{
    /// <summary>Connections the listener holds at once; one more is answered 503 and closed (default 10,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Connections one source address holds at once; one more is answered 503 and closed (default 2,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 2_000;

    /// <summary>Seconds a refused client is told to wait (<c>Retry-After</c> of the 503; default 5).</summary>
    [Range(1, 3600)]
    public int ConnectionRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Least rate, in bytes per second, at which a client must take playback: a send that takes
    /// longer than <see cref="DataRateGraceSeconds"/> plus its size at this rate ends the
    /// connection (default 256; FreeSWITCH reads at least at the audio's rate, 1 KB/s for 8 kbps
    /// MP3, and socket buffers absorb most bodies at once). 0 turns it off.
    /// </summary>
    [Range(0, 100 * 1024 * 1024)]
    public int MinPlaybackBytesPerSecond { get; set; } = 256;

    /// <summary>Seconds over which a data rate is judged, and before the first judgement (default 10).</summary>
    [Range(1, 3600)]
    public int DataRateGraceSeconds { get; set; } = 10;

    /// <summary>The data rate grace.</summary>
    public TimeSpan DataRateGrace => TimeSpan.FromSeconds(DataRateGraceSeconds);

    /// <summary>The floor of playback sends.</summary>
    public DataRateFloor PlaybackFloor(TimeProvider time) => new(MinPlaybackBytesPerSecond, DataRateGrace, time);

    /// <summary>A gate counting this listener's connections against its caps.</summary>
    public ConnectionGate CreateGate() => new(MaxConnections, MaxConnectionsPerAddress);
}
