namespace MediaOrleans.Interfaces;

/// <summary>What is known about one version of a media item.</summary>
/// <param name="Name">The media name (the grain key).</param>
/// <param name="Version">Opaque, chosen by the store; changes whenever the bytes change.</param>
/// <param name="ContentType"><c>audio/wav</c> or <c>audio/mpeg</c>.</param>
/// <param name="Length">Bytes of the stored content.</param>
/// <param name="LastModified">When this version was stored, to whole seconds.</param>
/// <param name="Audio">Inspected audio properties, or <see cref="AudioFormat.Unknown"/> until the bytes have been inspected.</param>
/// <param name="Streamable">
/// <c>false</c> when the item exists but has no playable data (a Kazoo media document marked
/// <c>streamable: false</c> or without an attachment): callers answer <c>no_data</c>, not <c>not_found</c>.
/// </param>
[GenerateSerializer, Immutable]
public sealed record MediaInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Length,
    [property: Id(4)] DateTimeOffset LastModified,
    [property: Id(5)] AudioFormat Audio,
    [property: Id(6)] bool Streamable = true);
