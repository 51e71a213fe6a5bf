using System.ComponentModel.DataAnnotations;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Silo.Shout;

/// <summary>The SHOUT listener (mod_shout playback and libshout recording ingest), bound from <c>Media:Shout</c>.</summary>
public sealed class ShoutOptions : HeadOptions
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

    /// <summary>Largest piece handed to a recording grain at once, in bytes (default 64 KiB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxAppendBytes { get; set; } = 64 * 1024;
}
