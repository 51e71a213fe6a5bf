namespace MediaOrleans.Interfaces;

/// <summary>New content for a media item, as the uploader declared it.</summary>
[GenerateSerializer, Immutable]
public sealed record MediaUpload(
    [property: Id(0)] string ContentType,
    [property: Id(1)] byte[] Content);
