using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Streams;

namespace MediaOrleans.Silo.Http;

/// <summary>The admin API's error body and its one table from domain errors to HTTP statuses.</summary>
public sealed record ApiError(string Error, string? Message = null)
{
    /// <summary>A JSON error result with <paramref name="status"/>.</summary>
    public static IResult Result(int status, string error, string? message = null) =>
        Results.Json(new ApiError(error, message), statusCode: status);

    /// <summary>Maps a grain's refusal to the status the admin API answers with.</summary>
    public static IResult From(MediaRejectedException rejected) => rejected.Reason switch
    {
        MediaRejection.UnsupportedType => Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", rejected.Message),
        MediaRejection.InvalidAudio => Result(StatusCodes.Status422UnprocessableEntity, "invalid_audio", rejected.Message),
        MediaRejection.NoData => Result(StatusCodes.Status422UnprocessableEntity, "no_data", rejected.Message),
        MediaRejection.InvalidName => Result(StatusCodes.Status400BadRequest, "invalid_name", rejected.Message),
        MediaRejection.Conflict => Result(StatusCodes.Status409Conflict, "conflict", rejected.Message),
        MediaRejection.TooMany => Result(StatusCodes.Status429TooManyRequests, "too_many", rejected.Message),
        _ => Result(StatusCodes.Status400BadRequest, "invalid_request", rejected.Message),
    };

    /// <summary>Maps a refused stream allocation to the status the admin API answers with.</summary>
    public static IResult From(UrlRefusal refusal, string? message) => Result(refusal switch
    {
        UrlRefusal.NotFound => StatusCodes.Status404NotFound,
        UrlRefusal.NoData or UrlRefusal.FormatUnavailable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    }, refusal.Code(), message);
}
