using System.ComponentModel.DataAnnotations;
using MediaOrleans.Silo.Limits;

namespace MediaOrleans.Silo.Shout;

/// <summary>The SHOUT listener (mod_shout playback and libshout recording ingest), bound from <c>Media:Shout</c>.</summary>
public sealed class ShoutOptions : ListenerLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Shout";

    /// <summary>TCP port (default 24518).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24518;

    /// <summary>
    /// Seconds a recording source may send nothing before the recording is ended with what it has
    /// (default 30; mod_shout sends about every 100 ms, filling silence itself).
    /// </summary>
    [Range(1, 3600)]
    public int SourceIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Least rate, in bytes per second, at which a recording source must send, judged over windows
    /// of <see cref="ListenerLimitOptions.DataRateGraceSeconds"/>; slower ends the recording as
    /// <c>too-slow</c> (default 256; mod_shout's lowest MP3 rate, 8 kbps, is 1,000 B/s, and it sends
    /// frames through silence). 0 turns it off.
    /// </summary>
    [Range(0, 100 * 1024 * 1024)]
    public int SourceMinBytesPerSecond { get; set; } = 256;

    /// <summary>Wrong source credentials from one address, within <see cref="SourceAuthWindowSeconds"/>, that cool the address (default 20).</summary>
    [Range(1, 1_000_000)]
    public int SourceAuthMaxFailures { get; set; } = 20;

    /// <summary>Seconds over which wrong source credentials are counted per address (default 60).</summary>
    [Range(1, 86_400)]
    public int SourceAuthWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds a cooled address is refused (429 with <c>Retry-After</c>) whatever credentials it
    /// presents; other addresses are not affected (default 120).
    /// </summary>
    [Range(1, 86_400)]
    public int SourceAuthCoolingSeconds { get; set; } = 120;

    /// <summary>Largest piece handed to a recording grain at once, in bytes (default 64 KiB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxAppendBytes { get; set; } = 64 * 1024;
}
