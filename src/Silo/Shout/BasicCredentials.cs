using System.Text;

namespace MediaOrleans.Silo.Shout;

/// <summary>Reads <c>Authorization: Basic base64(user:password)</c> (at most 1 KiB; real credentials are far shorter).</summary>
public static class BasicCredentials
{
    /// <summary>The user and password of <paramref name="authorization"/>, or <c>null</c> if it is not valid Basic auth.</summary>
    public static (string User, string Password)? Parse(string? authorization)
    {
        const string scheme = "Basic ";
        const int maxLength = 1024;
        if (authorization is null || authorization.Length > maxLength
            || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[authorization.Length];
        if (!Convert.TryFromBase64String(authorization[scheme.Length..].Trim(), decoded, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
