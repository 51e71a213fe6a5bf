using System.Net;
using MediaOrleans.Silo.Http;
using MediaOrleans.Silo.Http.Access;

namespace MediaOrleans.Silo.AdminWeb;

/// <summary>
/// Puts an endpoint that a browser opens (the admin page, the Orleans dashboard) behind
/// <see cref="AdminAccess"/>, the admin API's one rule. Metadata rather than an endpoint filter,
/// because the dashboard's endpoints are not ours to wrap.
/// </summary>
/// <param name="Role">The weakest role admitted.</param>
/// <param name="LoginOnUnauthorized">Whether a caller without credentials is sent to the login form instead of a 401.</param>
public sealed record BrowserAccess(AdminRole Role, bool LoginOnUnauthorized = false)
{
    /// <summary>Where the login form is.</summary>
    public const string LoginPath = "/admin/login";

    /// <summary>Applies <see cref="BrowserAccess"/> metadata; must run after routing.</summary>
    public static IApplicationBuilder Use(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<BrowserAccess>() is not { } rule
                || context.RequestServices.GetRequiredService<AdminAccess>().Check(context, rule.Role) is not { } refusal)
            {
                await next(context);
                return;
            }

            await rule.RefuseAsync(context, refusal);
        });

    private async Task RefuseAsync(HttpContext context, AccessRefusal refusal)
    {
        if (refusal.Status == StatusCodes.Status401Unauthorized && LoginOnUnauthorized)
        {
            context.Response.Redirect(LoginPath);
            return;
        }

        if (refusal.Challenge)
        {
            context.Response.Headers.WWWAuthenticate = AdminAccess.Scheme;
        }

        // A person who followed a link gets a sentence and a way on, a script the JSON error.
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = refusal.Status;
            context.Response.ContentType = "text/html; charset=utf-8";
            PageFiles.AddPageHeaders(context.Response);
            await context.Response.WriteAsync(RefusalPage(refusal), context.RequestAborted);
            return;
        }

        await ApiError.Result(refusal.Status, refusal.Error, refusal.Message).ExecuteAsync(context);
    }

    private static string RefusalPage(AccessRefusal refusal) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>MediaOrleans: not allowed</title>
        <link rel="stylesheet" href="/admin/style.css"></head>
        <body class="refusal"><main><h1>Not allowed</h1>
        <p>{WebUtility.HtmlEncode(Sentence(refusal.Message))}</p>
        <p><a href="{LoginPath}">Log in with an API key</a> · <a href="/admin/">Admin page</a></p></main></body></html>
        """;

    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? string.Empty : ".");
}
