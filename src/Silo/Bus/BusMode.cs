namespace MediaOrleans.Silo.Bus;

/// <summary>How the silos of a cluster share <c>media_req</c> messages.</summary>
public enum BusMode
{
    /// <summary>
    /// One durable queue for the whole cluster, consumed by every silo: each request is answered
    /// once, by whichever silo takes it.
    /// </summary>
    Shared,

    /// <summary>
    /// Kazoo's own arrangement: each silo binds an exclusive, auto-deleted queue of its own, so every
    /// silo answers every request and the requester keeps the first reply.
    /// </summary>
    PerSilo,
}
