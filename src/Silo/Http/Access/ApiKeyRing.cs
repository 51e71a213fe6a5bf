using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// The configured API keys, held only as SHA-256 digests. A presented key is hashed and compared
/// with every digest in constant time, so neither timing nor an early exit tells how close a
/// guess came or which key it resembled.
/// </summary>
public sealed class ApiKeyRing
{
    /// <summary>Prefix of a secret configured as its SHA-256 in hex.</summary>
    public const string HashPrefix = "sha256:";

    private readonly IReadOnlyList<ApiKey> _keys;

    /// <summary>Builds the ring from validated options.</summary>
    public ApiKeyRing(IOptions<AdminOptions> options)
    {
        _keys = [.. options.Value.ApiKeys.Select(pair =>
            new ApiKey(pair.Key, ParseRole(pair.Value.Role)!.Value, Digest(pair.Value.Secret!)!))];
    }

    /// <summary>Whether any key is configured (without one the admin API is loopback only).</summary>
    public bool IsEmpty => _keys.Count == 0;

    /// <summary>The key <paramref name="presented"/> is, or null.</summary>
    public ApiKey? Find(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                found = key;
            }
        }

        return found;
    }

    /// <summary>The key configured as <paramref name="name"/>, or null.</summary>
    public ApiKey? FindByName(string name) => _keys.FirstOrDefault(key => string.Equals(key.Name, name, StringComparison.Ordinal));

    /// <summary>The role named <paramref name="text"/> (any case), or null.</summary>
    public static AdminRole? ParseRole(string? text) =>
        Enum.TryParse<AdminRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(text, out _)
            ? role
            : null;

    /// <summary>The digest a configured secret stands for, or null when a <c>sha256:</c> secret is not 64 hex digits.</summary>
    public static byte[]? Digest(string secret)
    {
        if (!secret.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        }

        var hex = secret[HashPrefix.Length..];
        try
        {
            var digest = Convert.FromHexString(hex);
            return digest.Length == SHA256.HashSizeInBytes ? digest : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A configured API key: its name (for logs and quotas; never the secret), role and digest.</summary>
public sealed record ApiKey(string Name, AdminRole Role, byte[] Digest);
