namespace MediaOrleans.Silo.Bus;

/// <summary>
/// A bus message as read: the fields the media API uses, whatever else it carried. A message that
/// cannot be served as sent is <see cref="BusRequestKind.Invalid"/> with a <see cref="Problem"/>,
/// but keeps whatever <see cref="ServerId"/> and <see cref="MsgId"/> could be read, so it can
/// still be answered with an error.
/// </summary>
public sealed record BusRequest(
    BusRequestKind Kind,
    string? ServerId,
    string? MsgId,
    string? MediaName = null,
    string? Protocol = null,
    string? StreamType = null,
    string? Format = null,
    int? Rate = null,
    int? MaxSeconds = null,
    string? CallId = null,
    string? Problem = null)
{
    /// <summary>Longest <c>Server-ID</c> usable as a routing key (AMQP short string), in UTF-8 bytes.</summary>
    public const int MaxServerIdBytes = 255;

    /// <summary>Whether a reply can be addressed at all (Kazoo routes replies by <c>Server-ID</c>).</summary>
    public bool Answerable => !string.IsNullOrEmpty(ServerId) && System.Text.Encoding.UTF8.GetByteCount(ServerId) <= MaxServerIdBytes;
}
