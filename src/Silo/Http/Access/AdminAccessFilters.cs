namespace MediaOrleans.Silo.Http.Access;

/// <summary>Declares, on a route, the weakest role that may call it (<see cref="AdminAccess"/> decides).</summary>
public static class AdminAccessFilters
{
    /// <summary>Admits callers with <paramref name="role"/> or a stronger one.</summary>
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder route, AdminRole role) =>
        route.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<AdminAccess>().Check(context.HttpContext, role)
            ?? await next(context));
}
