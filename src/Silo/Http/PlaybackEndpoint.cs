using System.Globalization;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Urls;
using Microsoft.Net.Http.Headers;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// GET and HEAD of signed playback URLs for mod_httapi (HEAD then GET, exactly 200),
/// mod_http_cache (one GET, needs Content-Length) and curl | sox. HEAD answers with the same
/// headers as GET. Errors carry an empty body: some FreeSWITCH paths feed bodies to a decoder.
/// </summary>
public static class PlaybackEndpoint
{
    /// <summary>Maps <c>/m/…</c> and <c>/r/…</c>.</summary>
    public static void MapPlayback(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/m/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
        routes.MapMethods("/r/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
    }

    private static async Task ServeAsync(HttpContext context, PlaybackUrls urls, PlaybackSource source)
    {
        var response = context.Response;
        var status = urls.Check(context.Request.Path.Value ?? string.Empty, out var target);
        if (status != PlaybackUrlStatus.Valid)
        {
            response.StatusCode = status == PlaybackUrlStatus.NotPlaybackPath ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            response.ContentLength = 0;
            return;
        }

        var content = await source.OpenAsync(target!);
        if (content is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentLength = 0;
            return;
        }

        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = target!.ContentType;
        response.ContentLength = content.Length;
        headers.AcceptRanges = "none";
        if (content.EntityTag is not null)
        {
            headers.ETag = content.EntityTag;
            headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={urls.MaxAgeSeconds(target)}");
        }
        else
        {
            headers.CacheControl = "no-cache";
        }

        if (content.LastModified is { } modified)
        {
            headers.LastModified = HeaderUtilities.FormatDate(modified);
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await foreach (var chunk in content.ReadChunksAsync())
        {
            await response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }
}
