namespace MediaOrleans.Interfaces;

/// <summary>What is known about one version of a media item.</summary>
[GenerateSerializer, Immutable]
public sealed record MediaInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Length,
    [property: Id(4)] DateTimeOffset LastModified,
    [property: Id(5)] AudioFormat Audio);
