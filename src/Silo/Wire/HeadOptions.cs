using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// How much of a request head a listener reads, and how long it waits for it: the same keys and
/// defaults on both listeners (<c>Media:Http:…</c>, <c>Media:Shout:…</c>).
/// </summary>
public abstract class HeadOptions
{
    /// <summary>Largest request head (request line and headers) in bytes; larger gets 431 (default 8 KiB, as Icecast).</summary>
    [Range(256, 1024 * 1024)]
    public int MaxHeadBytes { get; set; } = 8192;

    /// <summary>Most header lines in one request; more gets 431 (default 64; libshout sends about 12, players fewer).</summary>
    [Range(1, 1000)]
    public int MaxHeaderCount { get; set; } = 64;

    /// <summary>Seconds allowed for a request head, from a new connection or from the head's first byte; slower gets 408 (default 10).</summary>
    [Range(1, 3600)]
    public int HeadTimeoutSeconds { get; set; } = 10;

    /// <summary>The parser's limits.</summary>
    public HeadLimits Limits => new(MaxHeadBytes, MaxHeaderCount);

    /// <summary>The head timeout.</summary>
    public TimeSpan HeadTimeout => TimeSpan.FromSeconds(HeadTimeoutSeconds);
}
