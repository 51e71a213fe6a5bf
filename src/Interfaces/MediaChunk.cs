namespace MediaOrleans.Interfaces;

/// <summary>A slice of a media item's (or a recording's) bytes.</summary>
/// <param name="Data">The bytes read; shorter than asked at the end, or while the rest is still arriving from the store.</param>
/// <param name="TotalLength">The length of the whole item when the slice was read.</param>
[GenerateSerializer, Immutable]
public sealed record MediaChunk(
    [property: Id(0)] byte[] Data,
    [property: Id(1)] long TotalLength);
