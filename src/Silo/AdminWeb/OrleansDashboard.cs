using MediaOrleans.Silo.Http.Access;
using Orleans.Dashboard;

namespace MediaOrleans.Silo.AdminWeb;

/// <summary>
/// Orleans' own dashboard under <c>/dashboard</c>, for role admin only: it shows every grain's
/// identity (media and recording names), can read a grain's state (a recording's one-time source
/// credentials) and streams the silo's log, more than a reader or writer may see.
/// </summary>
public static class OrleansDashboard
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>Maps the dashboard behind <see cref="AdminAccess"/>.</summary>
    public static void MapDashboardPage(this IEndpointRouteBuilder builder) =>
        builder.MapOrleansDashboard(routePrefix: Path).WithMetadata(new BrowserAccess(AdminRole.Admin));
}
