using System.Globalization;
using System.Text.Json;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>
/// A position in a database's <c>_changes</c> feed, kept opaque: CouchDB 3 sends strings
/// (<c>"12-g1AAAA…"</c>), pouchdb-server and CouchDB 1 integers. It is only ever handed back.
/// </summary>
/// <param name="Value">The position as sent back in <c>since=</c>.</param>
public readonly record struct CouchSeq(string Value)
{
    /// <summary>The start of the feed (every change).</summary>
    public static CouchSeq Start { get; } = new("0");

    /// <summary>The position in a JSON <c>seq</c>, <c>last_seq</c> or <c>update_seq</c> value.</summary>
    public static CouchSeq? From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new CouchSeq(value.GetString()!),
        JsonValueKind.Number => new CouchSeq(value.GetRawText()),
        // CouchDB 2+ clusters may send an array in old versions; its JSON text is the position.
        JsonValueKind.Array => new CouchSeq(value.GetRawText()),
        _ => null,
    };

    /// <summary>The value for a query string.</summary>
    public string QueryValue => Uri.EscapeDataString(Value);

    /// <inheritdoc />
    public override string ToString() => Value.Length <= 24 ? Value : string.Create(CultureInfo.InvariantCulture, $"{Value[..24]}…");
}
