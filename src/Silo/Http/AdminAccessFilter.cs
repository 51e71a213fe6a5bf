using MediaOrleans.Silo.Http.Access;

namespace MediaOrleans.Silo.Http;

/// <summary>Declares, on an admin route, the weakest role that may call it; <see cref="AdminAccess"/> decides.</summary>
public static class AdminAccessFilter
{
    /// <summary>Admits callers with <paramref name="role"/> or a stronger one; answers anyone else with the JSON error.</summary>
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder route, AdminRole role) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<AdminAccess>().Check(http, role) is not { } refusal)
            {
                return await next(context);
            }

            if (refusal.Challenge)
            {
                http.Response.Headers.WWWAuthenticate = AdminAccess.Scheme;
            }

            return ApiError.Result(refusal.Status, refusal.Error, refusal.Message);
        });
}
