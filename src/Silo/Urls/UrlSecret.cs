using System.Security.Cryptography;

namespace MediaOrleans.Silo.Urls;

/// <summary>
/// Finds the URL-signing secret: the configured one, or (single silo, nothing configured) one
/// made once and kept in the data directory so URLs survive a restart.
/// </summary>
public static class UrlSecret
{
    /// <summary>The secret to sign with.</summary>
    public static string Resolve(UrlOptions options, string dataPath)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            return options.Secret;
        }

        var file = Path.Combine(dataPath, "url-secret");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(dataPath);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
