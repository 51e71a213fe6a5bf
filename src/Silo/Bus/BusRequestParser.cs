using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Reads a bus message body into a <see cref="BusRequest"/>. Pure: bytes in, request out, never
/// throws. It reads the top-level object field by field, so a body that breaks off or goes wrong
/// halfway still yields the <c>Server-ID</c> and <c>Msg-ID</c> read before the fault, and the
/// sender gets a <c>media_error</c> instead of silence.
/// </summary>
public static class BusRequestParser
{
    /// <summary>Parses <paramref name="body"/>.</summary>
    public static BusRequest Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        string? problem;
        try
        {
            problem = Read(body, fields);
        }
        catch (JsonException ex)
        {
            problem = $"the body is not valid JSON: {FirstSentence(ex.Message)}";
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses text that is not valid UTF-8.
            problem = "the body is not valid UTF-8 JSON";
        }

        string? Text(string name) => fields.TryGetValue(name, out var field) && field.Kind == JsonValueKind.String ? field.Text : null;
        var serverId = Text(KazooFields.ServerId);
        var msgId = Text(KazooFields.MsgId);
        if (problem is not null)
        {
            return new BusRequest(BusRequestKind.Invalid, serverId, msgId, Text(KazooFields.MediaName), Problem: problem);
        }

        var rateProblem = Integer(fields, KazooFields.Rate, out var rate);
        var maxSecondsProblem = Integer(fields, KazooFields.MaxSeconds, out var maxSeconds);
        var (kind, eventProblem) = KindOf(Text(KazooFields.EventCategory), Text(KazooFields.EventName));
        problem = TypeProblem(fields, KazooFields.EventCategory, KazooFields.EventName, KazooFields.MediaName, KazooFields.Protocol,
                      KazooFields.StreamType, KazooFields.Format, KazooFields.CallId)
                  ?? rateProblem ?? maxSecondsProblem ?? eventProblem;
        if (problem is null && kind == BusRequestKind.Media && string.IsNullOrEmpty(Text(KazooFields.MediaName)))
        {
            problem = $"{KazooFields.MediaName} is missing";
        }

        return new BusRequest(problem is null ? kind : BusRequestKind.Invalid, serverId, msgId, Text(KazooFields.MediaName),
            Text(KazooFields.Protocol), Text(KazooFields.StreamType), Text(KazooFields.Format), rate, maxSeconds,
            Text(KazooFields.CallId), problem);
    }

    // Reads the top-level members: strings and numbers kept (as text), everything else only noted by
    // kind. Returns a problem for a body that is JSON but not an object; throws for one that is not JSON.
    private static string? Read(ReadOnlySpan<byte> body, Dictionary<string, Field> fields)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read())
        {
            return "the body is empty; a JSON object is required";
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "the body is not a JSON object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    fields[name] = new Field(JsonValueKind.String, reader.GetString());
                    break;
                case JsonTokenType.Number:
                    fields[name] = new Field(JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
                case JsonTokenType.Null:
                    // Kazoo leaves out what it does not set; an explicit null means the same.
                    fields.Remove(name);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    fields[name] = new Field(reader.TokenType == JsonTokenType.StartObject ? JsonValueKind.Object : JsonValueKind.Array, null);
                    reader.Skip();
                    break;
                default:
                    fields[name] = new Field(reader.TokenType == JsonTokenType.True ? JsonValueKind.True : JsonValueKind.False, null);
                    break;
            }
        }

        // Anything after the object (a second value, garbage) makes the reader throw here.
        while (reader.Read())
        {
        }

        return null;
    }

    private static (BusRequestKind Kind, string? Problem) KindOf(string? category, string? name)
    {
        if (category is null)
        {
            return (BusRequestKind.Invalid, $"{KazooFields.EventCategory} is missing (expected '{KazooEvents.MediaCategory}')");
        }

        if (category != KazooEvents.MediaCategory)
        {
            return (BusRequestKind.Invalid, $"{KazooFields.EventCategory} '{category}' is not served (expected '{KazooEvents.MediaCategory}')");
        }

        return name switch
        {
            KazooEvents.MediaRequest => (BusRequestKind.Media, null),
            KazooEvents.RecordRequest => (BusRequestKind.Record, null),
            null => (BusRequestKind.Invalid,
                $"{KazooFields.EventName} is missing (expected '{KazooEvents.MediaRequest}' or '{KazooEvents.RecordRequest}')"),
            _ => (BusRequestKind.Invalid,
                $"{KazooFields.EventName} '{name}' is not served (expected '{KazooEvents.MediaRequest}' or '{KazooEvents.RecordRequest}')"),
        };
    }

    private static string? TypeProblem(Dictionary<string, Field> fields, params string[] stringFields)
    {
        foreach (var name in stringFields)
        {
            if (fields.TryGetValue(name, out var field) && field.Kind != JsonValueKind.String)
            {
                return $"{name} must be a string, not {Describe(field.Kind)}";
            }
        }

        return null;
    }

    // An integer field may come as a JSON number or as a string of digits (Kazoo's JSON often quotes numbers).
    private static string? Integer(Dictionary<string, Field> fields, string name, out int? value)
    {
        value = null;
        if (!fields.TryGetValue(name, out var field))
        {
            return null;
        }

        if (field.Kind is JsonValueKind.Number or JsonValueKind.String
            && int.TryParse(field.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return null;
        }

        return $"{name} must be an integer, not {(field.Text is null ? Describe(field.Kind) : $"'{field.Text}'")}";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a string",
    };

    // System.Text.Json appends path and position details after the first sentence.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    // One top-level member: its JSON kind and, for strings and numbers, its text.
    private readonly record struct Field(JsonValueKind Kind, string? Text);
}
