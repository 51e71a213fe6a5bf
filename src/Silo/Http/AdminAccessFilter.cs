using MediaOrleans.Silo.Http.Access;

namespace MediaOrleans.Silo.Http;

/// <summary>Declares, on an admin route, the weakest role that may call it; <see cref="AdminAccess"/> decides.</summary>
public static class AdminAccessFilter
{
    /// <summary>Admits callers with <paramref name="role"/> or a stronger one; answers anyone else with the JSON error.</summary>
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder route, AdminRole role) =>
        route.AddEndpointFilter(async (context, next) =>
            Refusal(context.HttpContext, role) is { } refused ? refused : await next(context));

    /// <summary>
    /// The same rule for a branch of the pipeline that is not a route handler (the metrics
    /// exporter): callers without <paramref name="role"/> get the same answer, and go no further.
    /// </summary>
    public static void RequireAdmin(this IApplicationBuilder branch, AdminRole role) =>
        branch.Use(async (context, next) =>
        {
            if (Refusal(context, role) is { } refused)
            {
                await refused.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    // Null once the caller is admitted; else the JSON error, with the challenge a 401 carries.
    private static IResult? Refusal(HttpContext http, AdminRole role)
    {
        if (http.RequestServices.GetRequiredService<AdminAccess>().Check(http, role) is not { } refusal)
        {
            return null;
        }

        if (refusal.Challenge)
        {
            http.Response.Headers.WWWAuthenticate = AdminAccess.Scheme;
        }

        return ApiError.Result(refusal.Status, refusal.Error, refusal.Message);
    }
}
