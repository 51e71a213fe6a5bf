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

    /// <summary>Length of every signature in characters.</summary>
    public const int SignatureLength = 22;

    /// <summary>The signature of <paramref name="payload"/>.</summary>
    public string Sign(string payload)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload), mac);
        return Base64Url.EncodeToString(mac[..SignatureBytes]);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is exactly the signature of <paramref name="payload"/>.
    /// Compares the encoded text in constant time, so padding, whitespace or other spellings that
    /// a lenient decoder would accept never verify, and malformed input never throws.
    /// </summary>
    public bool Verify(string payload, string signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SignatureLength];
        Span<byte> expected = stackalloc byte[SignatureLength];
        if (Encoding.ASCII.GetBytes(signature, presented) != SignatureLength
            || Encoding.ASCII.GetBytes(Sign(payload), expected) != SignatureLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
