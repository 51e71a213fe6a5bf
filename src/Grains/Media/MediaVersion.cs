using MediaOrleans.Interfaces;

namespace MediaOrleans.Grains.Media;

/// <summary>One version a media grain knows: its description and its bytes once asked for.</summary>
internal sealed class MediaVersion(MediaInfo info)
{
    /// <summary>The description; its audio is filled in once bytes written by someone else are inspected.</summary>
    public MediaInfo Info { get; set; } = info;

    /// <summary>
    /// False for a version that stopped being current: it is served again only after the store
    /// confirms it still has it (the directory store drops old versions, CouchDB keeps old revisions).
    /// </summary>
    public bool Confirmed { get; set; } = true;

    /// <summary>Whether the bytes were inspected (or found uninspectable) after loading.</summary>
    public bool Inspected { get; set; }

    /// <summary>The load of the stored bytes, shared by all readers; null until first asked for.</summary>
    public Task<ArrivingBytes?>? Stored { get; set; }

    /// <summary>Forms the decoder failed on: tried once, not on every request.</summary>
    public HashSet<MediaVariant> Undecodable { get; } = [];

    public string Version => Info.Version;
}
