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
        _ => Result(StatusCodes.Status400BadRequest, "invalid_request", rejected.Message),
    };

    /// <summary>Maps a refused stream allocation to the status the admin API answers with.</summary>
    public static IResult From(StreamRefusal refusal, string? message) => refusal switch
    {
        StreamRefusal.NotFound => Result(StatusCodes.Status404NotFound, "not_found", message),
        StreamRefusal.InvalidName => Result(StatusCodes.Status400BadRequest, "invalid_name", message),
        StreamRefusal.NoData => Result(StatusCodes.Status422UnprocessableEntity, "no_data", message),
        StreamRefusal.UnsupportedProtocol => Result(StatusCodes.Status400BadRequest, "unsupported_protocol", message),
        StreamRefusal.UnsupportedFormat => Result(StatusCodes.Status400BadRequest, "unsupported_format", message),
        StreamRefusal.UnsupportedStreamType => Result(StatusCodes.Status400BadRequest, "unsupported_stream_type", message),
        _ => Result(StatusCodes.Status422UnprocessableEntity, "format_unavailable", message),
    };
}
