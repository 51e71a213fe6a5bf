using System.Net;
using MediaOrleans.Silo.Configuration;

namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// The one rule for who may call an admin route: a valid API key (as a Bearer header, or as a
/// browser session made from one, see <see cref="AdminSessions"/>) whose role is strong enough,
/// or, when no key is configured, any caller on loopback. When the admin API has a port of its
/// own, its routes answer there only. Applies on every listener that maps the routes, and to the
/// admin page and the Orleans dashboard.
/// </summary>
public sealed class AdminAccess(ApiKeyRing keys, SiloEndpoints endpoints, AdminSessions sessions)
{
    /// <summary>The authentication scheme callers use and 401 answers name.</summary>
    public const string Scheme = "Bearer";

    /// <summary>The refusal for <paramref name="context"/> on a route needing <paramref name="required"/>, or null once the caller is attached.</summary>
    public AccessRefusal? Check(HttpContext context, AdminRole required)
    {
        if (endpoints.AdminPort is { } adminPort && context.Connection.LocalPort != adminPort)
        {
            return new AccessRefusal(StatusCodes.Status404NotFound, "not_found", "the admin API is served on its own port on this silo");
        }

        if (keys.IsEmpty)
        {
            if (IsLoopback(context.Connection.RemoteIpAddress))
            {
                AdminCaller.Loopback.AttachTo(context);
                return null;
            }

            return Unauthorized("no API key is configured, so the admin API answers loopback callers only; "
                + "configure Media:Admin:ApiKeys:<name>:Secret and Media:Admin:ApiKeys:<name>:Role and send Authorization: Bearer <key>");
        }

        AdminCaller caller;
        if (PresentedKey(context.Request) is { } presented)
        {
            if (keys.Find(presented) is not { } key)
            {
                return Unauthorized("a valid API key is required: send Authorization: Bearer <key>");
            }

            caller = new AdminCaller(key.Name, key.Role);
        }
        else if (sessions.Read(context.Request.Cookies[AdminSessions.CookieName]) is { } session)
        {
            // A cookie rides along with whatever the browser sends, so a request that changes
            // something must come from a page of this very origin (SameSite=Strict already keeps
            // other sites out; this also keeps out pages on another port of the same host).
            if (!IsSafe(context.Request.Method) && !IsSameOrigin(context.Request))
            {
                return new AccessRefusal(StatusCodes.Status403Forbidden, "forbidden",
                    "a request made with a browser session must come from a page of this silo (the Origin header names another)");
            }

            caller = session;
        }
        else
        {
            return Unauthorized("a valid API key is required: send Authorization: Bearer <key>, or log in at /admin/login");
        }

        if (caller.Role < required)
        {
            return new AccessRefusal(StatusCodes.Status403Forbidden, "forbidden",
                $"API key '{caller.Name}' has role {Name(caller.Role)}; this request needs role {Name(required)} or stronger");
        }

        caller.AttachTo(context);
        return null;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    // Browsers send Origin with every POST, PUT and DELETE; a request without one was not made
    // by a page of another origin.
    private static bool IsSameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is not { Length: > 0 } origin
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static AccessRefusal Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, "unauthorized", message, Challenge: true);

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.Length > Scheme.Length + 1
               && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
               && header[Scheme.Length] == ' '
            ? header[(Scheme.Length + 1)..].Trim()
            : null;
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static string Name(AdminRole role) => role.ToString().ToLowerInvariant();
}
