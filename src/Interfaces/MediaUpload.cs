namespace MediaOrleans.Interfaces;

/// <summary>New content for a media item, as the uploader declared it.</summary>
[GenerateSerializer, Immutable]
public sealed record MediaUpload(
    [property: Id(0)] string ContentType,
    [property: Id(1)] byte[] Content)
{
    /// <summary>
    /// Largest content one upload may carry (90 MiB). The whole item travels in one grain call,
    /// and Orleans refuses messages over its 100 MiB limit (an oversize request can also break
    /// the caller's connection), so uploads and recordings stored as media stay below this.
    /// </summary>
    public const long MaxContentBytes = 90L * 1024 * 1024;
}
