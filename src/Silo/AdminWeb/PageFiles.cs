using System.Collections.Frozen;
using System.Reflection;

namespace MediaOrleans.Silo.AdminWeb;

/// <summary>
/// The admin page's files, built into the silo assembly (AdminWeb/Page), so a silo serves its
/// page from wherever it runs and nothing is fetched at run time.
/// </summary>
public static class PageFiles
{
    private const string Prefix = "admin/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>The file named <paramref name="name"/> (e.g. <c>index.html</c>) as a result, or 404.</summary>
    public static IResult Serve(string name, HttpResponse response)
    {
        if (!Files.TryGetValue(name, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(name), out var type))
        {
            return Results.NotFound();
        }

        AddPageHeaders(response);
        return Results.Bytes(bytes, type);
    }

    /// <summary>
    /// Headers every page and file of the admin page carries: revalidate on every load (a new
    /// silo build brings new files), run only the silo's own scripts, never be framed.
    /// </summary>
    public static void AddPageHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' http: https:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
