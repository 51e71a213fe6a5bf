using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaOrleans.Silo.Urls;

/// <summary>
/// HMAC-SHA256 signatures for playback URLs, truncated to 128 bits and base64url-encoded (22
/// characters, no dots, so mod_http_cache's backward extension scan is never fooled).
/// </summary>
public sealed class MediaUrlSigner
{
    private const int SignatureBytes = 16;
    private readonly byte[] _key;

    /// <summary>Creates a signer for the cluster secret <paramref name="secret"/>.</summary>
    public MediaUrlSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The signature of <paramref name="payload"/>.</summary>
    public string Sign(string payload)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload), mac);
        return Base64Url.EncodeToString(mac[..SignatureBytes]);
    }

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="payload"/> (constant time).</summary>
    public bool Verify(string payload, string signature)
    {
        Span<byte> presented = stackalloc byte[SignatureBytes + 2];
        if (!Base64Url.TryDecodeFromChars(signature, presented, out var written) || written != SignatureBytes)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload), mac);
        return CryptographicOperations.FixedTimeEquals(mac[..SignatureBytes], presented[..SignatureBytes]);
    }
}
