using System.Text.Json;

namespace MediaOrleans.Bench.BusLoad;

/// <summary>Reads a few top-level string fields of a JSON message without building a document.</summary>
internal static class JsonFields
{
    public static (string? ServerId, string? MsgId, string? EventName) Read(ReadOnlySpan<byte> json)
    {
        string? serverId = null, msgId = null, eventName = null;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("Server-ID"u8))
            {
                reader.Read();
                serverId = reader.GetString();
            }
            else if (reader.ValueTextEquals("Msg-ID"u8))
            {
                reader.Read();
                msgId = reader.GetString();
            }
            else if (reader.ValueTextEquals("Event-Name"u8))
            {
                reader.Read();
                eventName = reader.GetString();
            }
        }

        return (serverId, msgId, eventName);
    }
}
