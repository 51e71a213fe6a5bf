namespace MediaOrleans.Grains.Telemetry;

/// <summary>The names of the memory tiers, as <c>/api/silo</c> and the <c>tier</c> label spell them.</summary>
public static class MemoryTiers
{
    /// <summary>Stored media the media grains hold (<c>Media:Content:CacheBytes</c>).</summary>
    public const string Grains = "grains";

    /// <summary>Transcoded variants (<c>Media:Transcode:CacheBytes</c>).</summary>
    public const string Transcoded = "transcoded";

    /// <summary>Hot versions the listeners hold (<c>Media:Http:CacheBytes</c>).</summary>
    public const string Listeners = "listeners";
}
