using System.Text.Json;

namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>One answer of a database's <c>_changes</c> feed: the documents that changed and where to go on from.</summary>
/// <param name="Documents">Ids of changed documents (deleted ones included), each once.</param>
/// <param name="Last">The position to ask from next.</param>
public sealed record CouchChanges(IReadOnlyList<string> Documents, CouchSeq Last)
{
    /// <summary>Reads a normal or long-poll answer; a missing <c>last_seq</c> keeps <paramref name="since"/>.</summary>
    public static CouchChanges Parse(JsonElement answer, CouchSeq since)
    {
        var documents = new List<string>();
        if (answer.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in results.EnumerateArray())
            {
                if (change.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !documents.Contains(id.GetString()!))
                {
                    documents.Add(id.GetString()!);
                }
            }
        }

        var last = answer.TryGetProperty("last_seq", out var lastSeq) ? CouchSeq.From(lastSeq) : null;
        return new CouchChanges(documents, last ?? since);
    }
}
