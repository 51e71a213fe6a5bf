using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace MediaOrleans.Silo.Http;

/// <summary>
/// Gives an admin API error that ASP.NET Core answered without a body (an unbindable query
/// value, an unknown method on a route) the documented JSON error body. Playback paths keep
/// their empty error bodies.
/// </summary>
public static class ApiStatusPages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the JSON body to bodiless <c>/api</c> errors.</summary>
    public static IApplicationBuilder UseApiStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                return;
            }

            var status = http.Response.StatusCode;
            var error = ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant().Replace(' ', '_');
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body,
                new ApiError(error.Length == 0 ? "error" : error, $"the request was refused with status {status}"), Json, http.RequestAborted);
        });
}
