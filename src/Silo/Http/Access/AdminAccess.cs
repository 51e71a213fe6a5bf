using System.Net;
using MediaOrleans.Silo.Configuration;

namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// The one rule for who may call an admin route: a valid API key whose role is strong enough,
/// or, when no key is configured, any caller on loopback. When the admin API has a port of its
/// own, its routes answer there only. Applies on every listener that maps the routes.
/// </summary>
public sealed class AdminAccess(ApiKeyRing keys, SiloEndpoints endpoints)
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

        if (PresentedKey(context.Request) is not { } presented || keys.Find(presented) is not { } key)
        {
            return Unauthorized("a valid API key is required: send Authorization: Bearer <key>");
        }

        if (key.Role < required)
        {
            return new AccessRefusal(StatusCodes.Status403Forbidden, "forbidden",
                $"API key '{key.Name}' has role {Name(key.Role)}; this request needs role {Name(required)} or stronger");
        }

        new AdminCaller(key.Name, key.Role).AttachTo(context);
        return null;
    }

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
