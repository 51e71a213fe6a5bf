using System.Text.Json;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Http.Access;

namespace MediaOrleans.Silo.AdminWeb;

/// <summary>
/// The admin page under <c>/admin/</c>: static files served to admitted callers (readers and
/// up; the API decides what each may do), and the login form that turns an API key into a
/// browser session. Only the login form and what it needs are open.
/// </summary>
public static class AdminPage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] OpenFiles = ["login.js", "errors.js", "style.css"];

    /// <summary>Maps <c>/admin</c>.</summary>
    public static void MapAdminPage(this IEndpointRouteBuilder builder)
    {
        // One route for /admin, /admin/ and its files (routing does not tell the first two apart).
        builder.MapGet("/admin/{**file}", (string? file, HttpRequest request) => string.IsNullOrEmpty(file)
                ? request.Path.Value!.EndsWith('/') ? PageFiles.Serve("index.html", request.HttpContext.Response) : Results.Redirect("/admin/")
                : PageFiles.Serve(file, request.HttpContext.Response))
            .WithMetadata(new BrowserAccess(AdminRole.Reader, LoginOnUnauthorized: true));

        // Open: the form, its scripts and the stylesheet every page shares (nothing in them is secret).
        builder.MapGet(BrowserAccess.LoginPath, (HttpResponse response) => PageFiles.Serve("login.html", response));
        foreach (var open in OpenFiles)
        {
            builder.MapGet("/admin/" + open, (HttpResponse response) => PageFiles.Serve(open, response));
        }

        builder.MapPost(BrowserAccess.LoginPath, LogInAsync);
        builder.MapPost("/admin/logout", LogOut);
        builder.MapGet("/admin/session", (HttpContext context, ApiKeyRing keys) =>
        {
            var caller = AdminCaller.Of(context);
            return Results.Json(new SessionResponse(caller.Name, caller.Role.ToString().ToLowerInvariant(), !keys.IsEmpty));
        }).WithMetadata(new BrowserAccess(AdminRole.Reader));
    }

    // JSON only, like every POST of the admin API: no other site's form can log a browser in
    // with a key of its choosing.
    private static async Task<IResult> LogInAsync(HttpRequest request, ApiKeyRing keys, AdminSessions sessions)
    {
        if (!request.HasJsonContentType())
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "send this request with Content-Type: application/json");
        }

        if (keys.IsEmpty)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, "no_keys",
                "no API key is configured on this silo: callers on its own machine need no login, and nobody else can log in until a key is configured");
        }

        LoginRequest? login;
        try
        {
            login = await JsonSerializer.DeserializeAsync<LoginRequest>(request.Body, Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            login = null;
        }

        if (string.IsNullOrWhiteSpace(login?.Key) || keys.Find(login.Key.Trim()) is not { } key)
        {
            return ApiError.Result(StatusCodes.Status401Unauthorized, "unauthorized", "that is not an API key this silo knows");
        }

        request.HttpContext.Response.Cookies.Append(AdminSessions.CookieName, sessions.Issue(key), sessions.CookieFor(request));
        return Results.Json(new SessionResponse(key.Name, key.Role.ToString().ToLowerInvariant(), KeysConfigured: true));
    }

    private static IResult LogOut(HttpRequest request, AdminSessions sessions)
    {
        if (!request.HasJsonContentType())
        {
            return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "send this request with Content-Type: application/json");
        }

        request.HttpContext.Response.Cookies.Delete(AdminSessions.CookieName, sessions.CookieFor(request, expire: true));
        return Results.NoContent();
    }

    private sealed record LoginRequest(string? Key);

    private sealed record SessionResponse(string Name, string Role, bool KeysConfigured);
}
