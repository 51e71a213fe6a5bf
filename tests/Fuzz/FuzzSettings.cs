namespace MediaOrleans.Fuzz;

/// <summary>Where the silo is and how hard to push it.</summary>
/// <param name="HttpPort">The silo's HTTP port on 127.0.0.1.</param>
/// <param name="ShoutPort">The silo's SHOUT port on 127.0.0.1.</param>
/// <param name="SiloPid">The silo's process id, for liveness and RSS (0: not checked).</param>
/// <param name="BusUri">The broker the silo listens on, or null to leave the bus family out.</param>
/// <param name="RequestExchange">The exchange Kazoo requests go to.</param>
/// <param name="Inputs">How many inputs in all.</param>
/// <param name="Seed">The seed every input derives from: input n is the same for the same seed.</param>
/// <param name="BatchSize">Inputs between two checks of the silo.</param>
/// <param name="Parallelism">Inputs in flight at once.</param>
/// <param name="PerInputDeadline">Per input (and per control request): no answer and no close by then is a hang.</param>
/// <param name="MaxRssMegabytes">The silo's resident memory must stay under this.</param>
/// <param name="AllowedServerErrors">5xx statuses that are refusals by design, not failures.</param>
/// <param name="ApiKey">Sent as <c>Authorization: Bearer</c> on admin requests when set.</param>
public sealed record FuzzSettings(
    int HttpPort,
    int ShoutPort,
    int SiloPid,
    string? BusUri,
    string RequestExchange = "kapps",
    int Inputs = 2_000,
    int Seed = 1,
    int BatchSize = 250,
    int Parallelism = 8,
    TimeSpan? PerInputDeadline = null,
    int MaxRssMegabytes = 1024,
    IReadOnlySet<int>? AllowedServerErrors = null,
    string? ApiKey = null)
{
    /// <summary>The per-input deadline (default 15 s).</summary>
    public TimeSpan Deadline => PerInputDeadline ?? TimeSpan.FromSeconds(15);

    /// <summary>
    /// 5xx answers that are refusals by design, not failures: 501 (a transfer coding the head
    /// parser does not take), 503 (a cap reached or the store unavailable), 505 (an HTTP version
    /// other than 1.0 and 1.1).
    /// </summary>
    public IReadOnlySet<int> Allowed => AllowedServerErrors ?? new HashSet<int> { 501, 503, 505 };
}
