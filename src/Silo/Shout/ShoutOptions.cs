using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Shout;

/// <summary>The SHOUT listener (mod_shout playback and libshout recording ingest), bound from <c>Media:Shout</c>.</summary>
public sealed class ShoutOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Shout";

    /// <summary>TCP port (default 24518).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 24518;

    /// <summary>Largest request head (request line and headers) in bytes; larger gets 431 (default 8 KiB, as Icecast).</summary>
    [Range(256, 1024 * 1024)]
    public int MaxHeadBytes { get; set; } = 8192;

    /// <summary>Most header lines in one request; more gets 431 (default 64; libshout sends about 12).</summary>
    [Range(1, 1000)]
    public int MaxHeaderCount { get; set; } = 64;

    /// <summary>Seconds allowed to send a complete request head; slower gets 408 (default 10).</summary>
    [Range(1, 3600)]
    public int HeadTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds a recording source may send nothing before the recording is ended with what it has
    /// (default 30; mod_shout sends about every 100 ms, filling silence itself).
    /// </summary>
    [Range(1, 3600)]
    public int SourceIdleTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest piece handed to a recording grain at once, in bytes (default 64 KiB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxAppendBytes { get; set; } = 64 * 1024;
}
