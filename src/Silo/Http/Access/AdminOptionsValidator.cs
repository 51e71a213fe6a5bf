using System.Net;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// Stops the silo at start when an API key or the admin listener is misconfigured, naming the
/// key to fix. Secrets are never part of a message.
/// </summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <summary>Shortest plain secret accepted: a key must not be guessable.</summary>
    public const int MinSecretLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        foreach (var (keyName, key) in options.ApiKeys)
        {
            var prefix = $"{AdminOptions.Section}:ApiKeys:{keyName}";
            if (string.IsNullOrWhiteSpace(key.Secret))
            {
                failures.Add($"{prefix}:Secret is empty: set the key, or sha256:<64 hex digits> of it");
            }
            else if (key.Secret.StartsWith(ApiKeyRing.HashPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (ApiKeyRing.Digest(key.Secret) is null)
                {
                    failures.Add($"{prefix}:Secret starts with sha256: but is not followed by 64 hex digits");
                }
            }
            else if (key.Secret.Length < MinSecretLength)
            {
                failures.Add($"{prefix}:Secret is shorter than {MinSecretLength} characters");
            }

            if (ApiKeyRing.ParseRole(key.Role) is null)
            {
                failures.Add($"{prefix}:Role = '{key.Role}': must be reader, writer or admin");
            }
        }

        if (options.Port is { } port and (< 1 or > 65535))
        {
            failures.Add($"{AdminOptions.Section}:Port = '{port}': must be between 1 and 65535");
        }

        if (options.SessionMinutes is < 1 or > 7 * 24 * 60)
        {
            failures.Add($"{AdminOptions.Section}:SessionMinutes = '{options.SessionMinutes}': must be between 1 and 10080 (a week)");
        }

        if (options.ListenAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{AdminOptions.Section}:ListenAddress = '{address}': must be an IP address, e.g. 127.0.0.1");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
