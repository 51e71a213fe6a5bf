namespace MediaOrleans.Interfaces;

/// <summary>The one-time source credentials of a newly allocated recording.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordingAllocation(
    [property: Id(0)] string Name,
    [property: Id(1)] string User,
    [property: Id(2)] string Password,
    [property: Id(3)] int MaxSeconds);
