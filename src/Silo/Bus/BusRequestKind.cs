namespace MediaOrleans.Silo.Bus;

/// <summary>What a bus message asks for.</summary>
public enum BusRequestKind
{
    /// <summary>Not a request this silo understands; <see cref="BusRequest.Problem"/> says why.</summary>
    Invalid,

    /// <summary>Kazoo's <c>media_req</c>: a playback URL.</summary>
    Media,

    /// <summary>This project's <c>record_req</c>: a recording URL.</summary>
    Record,
}
