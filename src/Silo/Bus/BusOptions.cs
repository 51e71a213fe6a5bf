using System.ComponentModel.DataAnnotations;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// The Kazoo-style message bus (RabbitMQ), bound from <c>Media:Bus</c>. Without a
/// <see cref="Uri"/> the silo runs without a bus. Names default to what Kazoo 4 uses.
/// </summary>
public sealed class BusOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media:Bus";

    // AMQP names are short strings (at most 255 bytes); these keep them printable and unambiguous.
    private const string NamePattern = @"^[A-Za-z0-9_.:\-]{1,200}$";
    private const string NameMessage = "must be 1-200 characters of A-Z a-z 0-9 _ . : -";

    /// <summary>
    /// Broker address, <c>amqp://user:password@host:port[/vhost]</c> (or <c>amqps://</c>). Empty:
    /// no bus. No trailing <c>/</c> unless a vhost follows: <c>amqp://h:5672/</c> names the vhost "".
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>Topic exchange requests are published to (default <c>kapps</c>, Kazoo 4; older Kazoo used <c>whapps</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string RequestExchange { get; set; } = "kapps";

    /// <summary>Direct exchange replies go to, routed by the request's <c>Server-ID</c> (default <c>targeted</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string ReplyExchange { get; set; } = "targeted";

    /// <summary>Routing key of <c>media_req</c> (default <c>media_req</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string MediaRoutingKey { get; set; } = "media_req";

    /// <summary>Routing key of this project's <c>record_req</c> (default <c>record_req</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string RecordRoutingKey { get; set; } = "record_req";

    /// <summary>
    /// The cluster's shared, durable <c>media_req</c> queue in <see cref="BusMode.Shared"/> mode
    /// (default <c>mediaorleans.media_req</c>). In <see cref="BusMode.PerSilo"/> mode each silo
    /// uses a queue of its own named after its <c>Server-ID</c> instead.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string Queue { get; set; } = "mediaorleans.media_req";

    /// <summary>
    /// The shared, durable <c>record_req</c> queue (default <c>mediaorleans.record_req</c>). Shared in
    /// both modes: an allocation creates a recording, so exactly one silo may make it.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string RecordQueue { get; set; } = "mediaorleans.record_req";

    /// <summary>How silos share requests (default <see cref="BusMode.Shared"/>: each request answered once).</summary>
    public BusMode Mode { get; set; } = BusMode.Shared;

    /// <summary>
    /// Requests one silo answers at once (default 16): the consumer's dispatch concurrency. Each
    /// one holds its slot until the broker has confirmed the reply, about one broker round trip.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// Unacknowledged requests the broker hands one silo ahead of time (default 64, AMQP prefetch
    /// count). Requests beyond it stay in the queue for other silos.
    /// </summary>
    [Range(1, 65_535)]
    public int Prefetch { get; set; } = 64;

    /// <summary>
    /// Kazoo's system media database (default <c>system_media</c>): a one-segment <c>Media-Name</c>
    /// that is no item of its own is looked up under it.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[A-Za-z0-9_.~\-]{1,120}$", ErrorMessage = "must be one media name segment (A-Z a-z 0-9 _ . ~ -)")]
    public string SystemMediaDatabase { get; set; } = "system_media";

    /// <summary>
    /// This silo's <c>Server-ID</c> in replies and, in <see cref="BusMode.PerSilo"/> mode, its queue
    /// name. Default: <c>mediaorleans-&lt;host&gt;-&lt;random&gt;</c>, new at every start.
    /// </summary>
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string? ServerId { get; set; }

    /// <summary><c>App-Name</c> of replies (default <c>mediaorleans</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(NamePattern, ErrorMessage = NameMessage)]
    public string AppName { get; set; } = "mediaorleans";

    /// <summary>First wait before reconnecting to a broker that is down or went away, in milliseconds (default 500).</summary>
    [Range(10, 60_000)]
    public int ReconnectMinMilliseconds { get; set; } = 500;

    /// <summary>
    /// Longest wait between reconnection attempts, in milliseconds (default 5000); the wait doubles
    /// up to it. A refused connection costs the broker nothing, and a short wait brings the silo
    /// back soon after a broker restart.
    /// </summary>
    [Range(10, 600_000)]
    public int ReconnectMaxMilliseconds { get; set; } = 5000;

    /// <summary>Whether a broker URI is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && BrokerUri.Check(Uri!) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Uri)]);
        }

        if (ReconnectMaxMilliseconds < ReconnectMinMilliseconds)
        {
            yield return new ValidationResult($"must be at least ReconnectMinMilliseconds ({ReconnectMinMilliseconds})",
                [nameof(ReconnectMaxMilliseconds)]);
        }
    }
}
