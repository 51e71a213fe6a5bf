using System.Text.Json;
using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Interfaces;
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
        routes.MapPut("/api/media/{**name}", PutMediaAsync);
        routes.MapGet("/api/media/{**name}", GetMediaAsync);
        routes.MapPost("/api/streams", CreateStreamAsync);
        routes.MapPost("/api/recordings", AllocateRecordingAsync);
        routes.MapGet("/api/recordings/{**name}", GetRecordingAsync);
        routes.MapPost("/api/recordings/{**path}", StoreRecordingAsync);
        routes.MapGet("/api/health", () => Results.Json(new { status = "ok" }));
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

    private static async Task<IResult> CreateStreamAsync(HttpRequest request, IGrainFactory grains, PlaybackUrls urls)
    {
        var (ask, error) = await ReadJsonAsync<StreamRequest>(request, allowEmpty: false);
        if (error is not null)
        {
            return error;
        }

        ask = ask! with { MediaName = MediaName.Normalize(ask.MediaName) };
        if (!MediaName.IsValid(ask.MediaName))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_name", "mediaName is missing or not a valid media name");
        }

        var info = await grains.GetGrain<IMediaFileGrain>(ask.MediaName).GetInfoAsync();
        if (info is null)
        {
            return NotFound(ask.MediaName);
        }

        if (!info.Streamable)
        {
            return ApiError.Result(StatusCodes.Status422UnprocessableEntity, "no_data", $"'{info.Name}' exists but has no playable data");
        }

        var format = ask.Format?.ToLowerInvariant() ?? MediaVariant.ExtensionOf(info);
        var protocol = ask.Protocol?.ToLowerInvariant() ?? (format == "mp3" ? "shout" : "http");
        var variant = new MediaVariant(format, ask.Rate ?? 0);
        var refusal = CheckStreamRequest(ask, info, variant, protocol);
        if (refusal is not null)
        {
            return refusal;
        }

        if (ask.StreamType?.Equals("extant", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Results.Json(new StreamResponse(urls.ForLiveStream(info), info.Name, info.Version, AudioInspector.Mp3ContentType));
        }

        // A WAV asked at its stored rate is the stored item: one URL, one cache entry.
        var rate = variant.IsStoredFormOf(info) ? 0 : variant.Rate;
        return Results.Json(new StreamResponse(urls.ForMedia(info, protocol == "shout", format, rate), info.Name, info.Version,
            format == "mp3" ? AudioInspector.Mp3ContentType : AudioInspector.WavContentType));
    }

    private static IResult? CheckStreamRequest(StreamRequest ask, MediaInfo info, MediaVariant variant, string protocol)
    {
        if (protocol is not ("http" or "shout"))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "unsupported_protocol", $"protocol '{ask.Protocol}' is not served; use http or shout");
        }

        if (variant.Extension is not ("wav" or "mp3"))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "unsupported_format", $"format '{ask.Format}' is not served; use wav or mp3");
        }

        if (protocol == "shout" && variant.Extension != "mp3")
        {
            return ApiError.Result(StatusCodes.Status422UnprocessableEntity, "format_unavailable", "shout streams carry MP3 only; ask for http to get WAV");
        }

        if (!variant.IsAvailableFor(info, out var why))
        {
            return ApiError.Result(StatusCodes.Status422UnprocessableEntity, "format_unavailable", why);
        }

        if (ask.StreamType is { } type && !type.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            if (!type.Equals("extant", StringComparison.OrdinalIgnoreCase))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, "unsupported_stream_type",
                    $"stream type '{type}' is not served; use new or extant");
            }

            if (variant != MediaVariant.Stored(info) || MediaVariant.ExtensionOf(info) != "mp3" || protocol != "shout")
            {
                return ApiError.Result(StatusCodes.Status422UnprocessableEntity, "format_unavailable",
                    "continuous (extant) streams carry a stored MP3 over shout");
            }
        }

        return null;
    }

    private static async Task<IResult> AllocateRecordingAsync(HttpRequest request, IGrainFactory grains, PlaybackUrls urls,
        IOptions<RecordingOptions> options)
    {
        var (ask, error) = await ReadJsonAsync<RecordingAllocationRequest>(request, allowEmpty: true);
        if (error is not null)
        {
            return error;
        }

        var name = ask?.Name ?? $"rec-{Guid.NewGuid():N}";
        if (!MediaName.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_name", $"'{name}' is not a valid recording name");
        }

        try
        {
            var allocation = await grains.GetGrain<IRecordingGrain>(name)
                .AllocateAsync(new RecordingRequest(ask?.MaxSeconds ?? options.Value.DefaultMaxSeconds));
            return Results.Json(new RecordingAllocationResponse(allocation.Name, urls.ForRecordingSource(allocation), allocation.MaxSeconds),
                statusCode: StatusCodes.Status201Created);
        }
        catch (MediaRejectedException rejected)
        {
            return ApiError.From(rejected);
        }
    }

    private static async Task<IResult> GetRecordingAsync(string name, IGrainFactory grains, PlaybackUrls urls)
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

        return Results.Json(RecordingResponse.From(status, status.Bytes > 0 ? urls.ForRecording(status.Name) : null));
    }

    private static async Task<IResult> StoreRecordingAsync(string path, HttpRequest request, IGrainFactory grains)
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
            return Results.Json(RecordingResponse.From(await recording.GetStatusAsync(), null), statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static IResult NotFound(string name) =>
        ApiError.Result(StatusCodes.Status404NotFound, "not_found", $"'{name}' does not exist");

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, bool allowEmpty)
        where T : class
    {
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
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "invalid_json", ex.Message));
        }
    }

    // Reads the whole body, or returns null as soon as it exceeds limit bytes.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit)
    {
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 0, limit));
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
