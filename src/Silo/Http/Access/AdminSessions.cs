using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MediaOrleans.Silo.Urls;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// Browser sessions: a browser cannot add a Bearer header to a page navigation, an
/// <c>&lt;audio&gt;</c> element or the dashboard, so a person logs in once with a key and gets a
/// cookie holding a signed, expiring token of the key's name and role (never the key). The
/// token is signed with the cluster's URL secret over the key's digest as well, so it works on
/// every silo and dies when the key is removed, rotated or given another role.
/// </summary>
public sealed class AdminSessions(ApiKeyRing keys, MediaUrlSigner signer, TimeProvider time, IOptions<AdminOptions> options)
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "mediaorleans_session";

    // Distinct from every playback payload (those start with a one-letter kind), so a session
    // signature can never be replayed as a URL signature or the other way round.
    private const string Purpose = "admin-session";

    /// <summary>How long a session lasts.</summary>
    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.SessionMinutes);

    /// <summary>A token for <paramref name="key"/>, valid for <see cref="Lifetime"/>.</summary>
    public string Issue(ApiKey key)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var name = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Name));
        var role = RoleName(key.Role);
        return string.Create(CultureInfo.InvariantCulture, $"{name}.{role}.{expires}.{signer.Sign(Payload(key, role, expires))}");
    }

    /// <summary>The caller <paramref name="token"/> stands for, or null when it is malformed, forged, expired or its key changed.</summary>
    public AdminCaller? Read(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 4 }
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }

        string name;
        try
        {
            name = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        }
        catch (FormatException)
        {
            return null;
        }

        return keys.FindByName(name) is { } key && RoleName(key.Role) == parts[1]
                                                 && signer.Verify(Payload(key, parts[1], expires), parts[3])
            ? new AdminCaller(key.Name, key.Role)
            : null;
    }

    /// <summary>The cookie attributes: script cannot read it, it travels over HTTPS only when the page came over HTTPS, and never with a request another site started.</summary>
    public CookieOptions CookieFor(HttpRequest request, bool expire = false) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        MaxAge = expire ? TimeSpan.Zero : Lifetime,
    };

    private static string Payload(ApiKey key, string role, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"{Purpose}\n{key.Name}\n{role}\n{expires}\n{Convert.ToHexString(key.Digest)}");

    private static string RoleName(AdminRole role) => role.ToString().ToLowerInvariant();
}
