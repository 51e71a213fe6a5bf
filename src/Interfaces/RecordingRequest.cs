namespace MediaOrleans.Interfaces;

/// <summary>Parameters of a recording allocation.</summary>
/// <param name="MaxSeconds">Longest recording accepted; the source is cut off after it.</param>
[GenerateSerializer, Immutable]
public sealed record RecordingRequest([property: Id(0)] int MaxSeconds);
