using System.Security.Cryptography;

namespace MediaOrleans.Soak.History;

/// <summary>The digest every history uses: SHA-256, lower-case hex.</summary>
public static class Digests
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
