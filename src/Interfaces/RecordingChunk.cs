namespace MediaOrleans.Interfaces;

/// <summary>Bytes received from a source, in arrival order.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordingChunk([property: Id(0)] byte[] Data);
