using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// Playback through Kestrel's pipeline, for requests on connections Kestrel already serves (a
/// pooled client that asked the admin API for a URL and then fetches it on the same connection)
/// and for playback requests the fast path leaves to Kestrel (a body, a chunked head). Same
/// decision, same header fields as <see cref="PlaybackConnectionMiddleware"/>.
/// </summary>
public static class PlaybackEndpoints
{
    /// <summary>Maps <c>GET</c>/<c>HEAD</c> of <c>/m/…</c> and <c>/r/…</c>.</summary>
    public static void MapPlayback(this IEndpointRouteBuilder builder)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        builder.MapMethods("/m/{**path}", methods, PlayAsync);
        builder.MapMethods("/r/{**path}", methods, PlayAsync);
    }

    private static async Task PlayAsync(HttpContext context, PlaybackRequest playback)
    {
        // The raw target, decoded as the fast path decodes it (ASP.NET keeps %2F encoded in Path).
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var path = RequestTargets.PathOf(target);
        var tally = PlaybackTally.Start(PlaybackListener.Http, path);
        var decision = await playback.DecideAsync(path, PlaybackListener.Http,
            PlaybackConditions.From(name => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null));
        tally.Decided(decision);
        var response = context.Response;
        response.StatusCode = decision.Status;
        foreach (var (name, value) in HttpPlaybackFields.For(decision))
        {
            response.Headers[name] = value;
        }

        if (!decision.IsPlayable || decision.Content is not { } content || HttpMethods.IsHead(context.Request.Method))
        {
            // Kestrel sends the head when the endpoint returns; timed here, a little early.
            tally.FirstByteSent();
            return;
        }

        var body = decision.Body;
        var sent = 0L;
        await foreach (var chunk in content.ReadChunksAsync(body))
        {
            tally.Sent(chunk.Length);
            await response.Body.WriteAsync(chunk, context.RequestAborted);
            sent += chunk.Length;
        }

        if (sent != body.Length)
        {
            // The client waits for the bytes Content-Length promised: end the connection instead.
            context.Abort();
        }
    }
}
