namespace MediaOrleans.Silo.Bus;

/// <summary>A reply and where it goes: the reply exchange with <paramref name="RoutingKey"/> (the request's <c>Server-ID</c>).</summary>
public sealed record BusAnswer(string RoutingKey, BusReply Reply);
