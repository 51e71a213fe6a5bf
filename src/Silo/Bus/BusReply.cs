using System.Text.Json.Serialization;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// A reply on the bus: Kazoo's standard headers plus the fields of <c>media_resp</c>,
/// <c>media_error</c> or <c>record_resp</c>. Fields that are null are left out of the JSON.
/// </summary>
public sealed record BusReply(
    [property: JsonPropertyName(KazooFields.EventCategory)] string EventCategory,
    [property: JsonPropertyName(KazooFields.EventName)] string EventName,
    [property: JsonPropertyName(KazooFields.AppName)] string AppName,
    [property: JsonPropertyName(KazooFields.AppVersion)] string AppVersion,
    [property: JsonPropertyName(KazooFields.ServerId)] string ServerId,
    [property: JsonPropertyName(KazooFields.MsgId)] string? MsgId,
    [property: JsonPropertyName(KazooFields.MediaName)] string MediaName,
    [property: JsonPropertyName(KazooFields.StreamUrl)] string? StreamUrl = null,
    [property: JsonPropertyName(KazooFields.ErrorCode)] string? ErrorCode = null,
    [property: JsonPropertyName(KazooFields.ErrorMsg)] string? ErrorMsg = null,
    [property: JsonPropertyName(KazooFields.MaxSeconds)] int? MaxSeconds = null);
