using System.Globalization;
using System.Text.Json;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Http.Access;
using MediaOrleans.Silo.Playback;
using MediaOrleans.Silo.Streams;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// The admin API of the design's minimum contract: media upload and info, playback URL
/// allocation, recordings (allocate, status, store). Listeners only move bytes and map errors;
/// every decision is made by the grains.
/// </summary>
public static class AdminApi
{
    private const int DefaultPage = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the <c>/api</c> routes.</summary>
    public static void MapAdminApi(this IEndpointRouteBuilder builder)
    {
        // One place maps an unreachable media store to 503 for every route.
        var routes = builder.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (MediaStoreUnavailableException)
            {
                return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "store_unavailable",
                    "the media store is unavailable; try again shortly");
            }
        });
        // The access table: every admin route names the weakest role that may call it.
        routes.MapPut("/api/media/{**name}", PutMediaAsync).Requires(AdminRole.Writer);
        routes.MapGet("/api/media", ListMediaAsync).Requires(AdminRole.Reader);
        routes.MapGet("/api/media/{**name}", GetMediaAsync).Requires(AdminRole.Reader);
        routes.MapDelete("/api/media/{**name}", DeleteMediaAsync).Requires(AdminRole.Writer);
        routes.MapGet("/api/recordings", ListRecordingsAsync).Requires(AdminRole.Reader);
        routes.MapPost("/api/streams", CreateStreamAsync).Requires(AdminRole.Reader);
        routes.MapPost("/api/recordings", AllocateRecordingAsync).Requires(AdminRole.Writer);
        routes.MapGet("/api/recordings/{**name}", GetRecordingAsync).Requires(AdminRole.Reader);
        routes.MapPost("/api/recordings/{**path}", StoreRecordingAsync).Requires(AdminRole.Writer);
        routes.MapGet("/api/silo", (ILocalSiloDetails silo, IMp3Decoder decoder, HeldContent held, TranscodeCache transcodes,
            IOptions<TranscodeOptions> transcodeOptions, PlaybackSource playback, IOptions<PlaybackCacheOptions> cache) =>
            Results.Json(SiloStatus.Read(silo, decoder, held, transcodes, transcodeOptions, playback, cache))).Requires(AdminRole.Reader);
        routes.MapGet("/api/cluster", async (IGrainFactory grains) => Results.Json(await ClusterStatus.ReadAsync(grains))).Requires(AdminRole.Reader);

        // Open to every caller on every listener, for load balancers: says only that the silo
        // answers and how its bus connection stands.
        routes.MapGet("/api/health", (BusStatus bus) => Results.Json(new { status = "ok", bus = bus.Name }));
    }

    private static async Task<IResult> PutMediaAsync(string name, HttpRequest request, IGrainFactory grains,
        IOptions<HttpListenerOptions> options)
    {
        if (!MediaName.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_name", $"'{name}' is not a valid media name");
        }

        if (AudioInspector.CanonicalContentType(request.ContentType) is null)
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"content type '{request.ContentType}' is not served; use audio/wav or audio/mpeg");
        }

        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            return ApiError.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"uploads are limited to {limit} bytes");
        }

        var body = await ReadBodyAsync(request, limit);
        if (body is null)
        {
            return ApiError.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"uploads are limited to {limit} bytes");
        }

        try
        {
            var info = await grains.GetGrain<IMediaFileGrain>(name).ReplaceAsync(new MediaUpload(request.ContentType!, body));
            return Results.Json(MediaResponse.From(info));
        }
        catch (MediaRejectedException rejected)
        {
            return ApiError.From(rejected);
        }
    }

    private static async Task<IResult> GetMediaAsync(string name, IGrainFactory grains)
    {
        var info = MediaName.IsValid(name) ? await grains.GetGrain<IMediaFileGrain>(name).GetInfoAsync() : null;
        return info is null ? NotFound(name) : Results.Json(MediaResponse.From(info));
    }

    private static async Task<IResult> ListMediaAsync(string? prefix, int? limit, IGrainFactory grains) =>
        Results.Json(new MediaListResponse(await grains.GetGrain<ICatalogGrain>(0).ListMediaAsync(prefix, limit ?? DefaultPage)));

    private static async Task<IResult> DeleteMediaAsync(string name, IGrainFactory grains) =>
        MediaName.IsValid(name) && await grains.GetGrain<IMediaFileGrain>(name).DeleteAsync() ? Results.NoContent() : NotFound(name);

    private static async Task<IResult> ListRecordingsAsync(string? prefix, int? limit, IGrainFactory grains, PlaybackUrls urls,
        HttpContext context)
    {
        var recordings = await grains.GetGrain<ICatalogGrain>(0).ListRecordingsAsync(prefix, limit ?? DefaultPage);
        var reviewer = ReviewUrls(urls, context);
        return Results.Json(new RecordingListResponse([.. recordings.Select(status => RecordingResponse.From(status, reviewer))]));
    }

    private static async Task<IResult> CreateStreamAsync(HttpRequest request, StreamAllocator allocator)
    {
        var (ask, error) = await ReadJsonAsync<UrlRequest>(request, allowEmpty: false);
        if (error is not null)
        {
            return error;
        }

        var allocation = await allocator.AllocateAsync(ask!);
        return allocation.Granted
            ? Results.Json(new StreamResponse(allocation.Url!, allocation.Media!.Name, allocation.Media.Version, allocation.ContentType!))
            : ApiError.From(allocation.Refusal!.Value, allocation.Message);
    }

    private static async Task<IResult> AllocateRecordingAsync(HttpRequest request, RecordingAllocator recordings, HttpContext context)
    {
        var (ask, error) = await ReadJsonAsync<RecordingAllocationRequest>(request, allowEmpty: true);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var ticket = await recordings.AllocateAsync(ask?.Name, ask?.MaxSeconds, "api:" + AdminCaller.Of(context).Name);
            return Results.Json(new RecordingAllocationResponse(ticket.Name, ticket.Url, ticket.MaxSeconds),
                statusCode: StatusCodes.Status201Created);
        }
        catch (MediaRejectedException rejected)
        {
            if (rejected.Reason == MediaRejection.TooMany)
            {
                context.Response.Headers.RetryAfter = OpenRecordings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return ApiError.From(rejected);
        }
    }

    private static async Task<IResult> GetRecordingAsync(string name, IGrainFactory grains, PlaybackUrls urls, HttpContext context)
    {
        if (!MediaName.IsValid(name))
        {
            return NotFound(name);
        }

        var status = await grains.GetGrain<IRecordingGrain>(name).GetStatusAsync();
        if (status.State == RecordingState.Unknown)
        {
            return NotFound(name);
        }

        return Results.Json(RecordingResponse.From(status, ReviewUrls(urls, context)));
    }

    private static async Task<IResult> StoreRecordingAsync(string path, HttpRequest request, IGrainFactory grains, PlaybackUrls urls,
        HttpContext context)
    {
        // Recording names may contain '/', so the action is the path's last segment.
        const string action = "/store";
        var name = path.EndsWith(action, StringComparison.Ordinal) ? path[..^action.Length] : null;
        if (!MediaName.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "not_found", "use POST /api/recordings/{name}/store");
        }

        var (ask, error) = await ReadJsonAsync<StoreRequest>(request, allowEmpty: false);
        if (error is not null)
        {
            return error;
        }

        var mediaName = MediaName.Normalize(ask!.MediaName);
        if (!MediaName.IsValid(mediaName))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_name", "mediaName is missing or not a valid media name");
        }

        var recording = grains.GetGrain<IRecordingGrain>(name);
        if ((await recording.GetStatusAsync()).State == RecordingState.Unknown)
        {
            return NotFound(name!);
        }

        try
        {
            return Results.Json(MediaResponse.From(await recording.StoreAsync(mediaName)));
        }
        catch (MediaRejectedException rejected)
        {
            return ApiError.From(rejected);
        }
        catch (MediaStoreUnavailableException)
        {
            // Accepted: the recording stays spooled and its grain stores it once the store is back.
            return Results.Json(RecordingResponse.From(await recording.GetStatusAsync(), ReviewUrls(urls, context)),
                statusCode: StatusCodes.Status202Accepted);
        }
    }

    // A review URL plays a recording: only callers allowed to play recordings get one.
    private static PlaybackUrls? ReviewUrls(PlaybackUrls urls, HttpContext context) =>
        AdminCaller.Of(context).MayPlayRecordings ? urls : null;

    private static IResult NotFound(string name) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"'{name}' does not exist");

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, bool allowEmpty)
        where T : class
    {
        // JSON only, even for an empty body: a web page can send a form or text/plain anywhere
        // (cross-site, without asking), but not application/json.
        if (!request.HasJsonContentType())
        {
            return (null, ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "send this request with Content-Type: application/json"));
        }

        var body = await ReadBodyAsync(request, 64 * 1024);
        if (body is null)
        {
            return (null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, "too_large", "JSON bodies are limited to 64 KiB"));
        }

        if (body.Length == 0)
        {
            return allowEmpty ? (null, null) : (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json", "a JSON body is required"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Json);
            return value is null && !allowEmpty
                ? (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json", "a JSON object is required"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            // The serializer's own message names .NET types; say where the body went wrong instead.
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json",
                $"the body is not the JSON this request takes (at {ex.Path ?? "$"})"));
        }
    }

    // Reads the whole body, or returns null as soon as it exceeds limit bytes. The buffer grows
    // with the bytes that arrived, never with what Content-Length claims: a claim costs nothing
    // until its bytes come. Kestrel refuses a body past Media:Http:MaxUploadBytes itself (it
    // throws on the read), which is answered with the same JSON 413 as the check here.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
