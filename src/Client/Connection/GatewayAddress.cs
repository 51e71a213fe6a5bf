using System.Globalization;

namespace MediaOrleans.Client.Connection;

/// <summary>One gateway of a static gateway list, written <c>host:port</c> (<c>[::1]:30000</c> for IPv6).</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">The silo's Orleans gateway port.</param>
public sealed record GatewayAddress(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static GatewayAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"gateway '{text}' is not host:port");
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"gateway '{text}': write an IPv6 address in brackets, e.g. [::1]:30000");
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"gateway '{text}': port must be a number from 1 to 65535");
        }

        return host.Length == 0 ? throw new FormatException($"gateway '{text}' has no host") : new GatewayAddress(host, port);
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
