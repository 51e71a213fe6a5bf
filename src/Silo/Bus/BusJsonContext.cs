using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaOrleans.Silo.Bus;

/// <summary>Source-generated JSON for bus replies: no reflection on the hot path, null fields left out.</summary>
[JsonSerializable(typeof(BusReply))]
public sealed partial class BusJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context replies are written with. The relaxed encoder keeps quotes and apostrophes of
    /// <c>Error-Msg</c> readable (the default escapes them for HTML, which a bus message never is).
    /// </summary>
    public static BusJsonContext Replies { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
