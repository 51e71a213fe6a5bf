using System.Text.RegularExpressions;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Turns a Kazoo <c>Media-Name</c> into the media names to look up, in order. Kazoo sends
/// <c>doc</c> (a document of the system media database), <c>db/doc</c>, <c>db/doc/attachment</c>
/// and <c>/&lt;account id&gt;/&lt;media id&gt;</c>, each with an optional leading <c>/</c>. Every
/// store sees plain media names: the directory store keeps an item under <c>db/doc</c> or
/// <c>&lt;account id&gt;/&lt;media id&gt;</c>; a store that maps names to databases does so itself.
/// </summary>
public sealed partial class KazooMediaNames(IOptions<BusOptions> options)
{
    private readonly string _systemDatabase = options.Value.SystemMediaDatabase;

    /// <summary>The names to try for <paramref name="mediaName"/>, most specific first; never empty.</summary>
    public IReadOnlyList<string> Candidates(string mediaName)
    {
        var name = MediaName.Normalize(mediaName)!;
        name = EncodedAccountDatabase().Replace(name, match => match.Groups["a"].Value + match.Groups["b"].Value + match.Groups["rest"].Value, 1);
        var segments = name.Split('/');
        return segments.Length switch
        {
            // A bare document name: an item of that very name, else the system media database's document.
            1 => [name, $"{_systemDatabase}/{name}"],
            // db/doc/attachment: the attachment itself if stored as an item, else its document (one attachment per item).
            3 => [name, $"{segments[0]}/{segments[1]}"],
            _ => [name],
        };
    }

    // Kazoo's account database name, "account/ab/cd/efgh…" URL-encoded as one path segment
    // ("account%2Fab%2Fcd%2Fefgh…", modb suffixes such as "-202401" included), is the account id.
    [GeneratedRegex("^account%2F(?<a>[0-9a-f]{2})%2F(?<b>[0-9a-f]{2})%2F(?<rest>[^/]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EncodedAccountDatabase();
}
