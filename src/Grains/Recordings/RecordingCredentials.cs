using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MediaOrleans.Grains.Storage;

namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Per-recording source credentials. Both parts are base64url, so they contain neither ':'
/// (splits Basic auth) nor '@' (mod_shout cannot carry it in a URL).
/// </summary>
public static class RecordingCredentials
{
    /// <summary>Makes a fresh random user (12 characters) and password (24 characters).</summary>
    public static (string User, string Password) Create() =>
        ("rec" + RandomToken(9), RandomToken(18));

    /// <summary>The stored form of a password.</summary>
    public static string Hash(string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>Checks presented credentials against a record in constant time.</summary>
    public static bool Matches(RecordingRecord record, string user, string password)
    {
        var userOk = CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(record.User), Encoding.UTF8.GetBytes(user));
        var passwordOk = CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(record.PasswordHash), Encoding.UTF8.GetBytes(Hash(password)));
        return userOk & passwordOk;
    }

    private static string RandomToken(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
