using RabbitMQ.Client;

namespace MediaOrleans.Silo.Bus;

/// <summary>
/// Checks <c>amqp://user:password@host:port/vhost</c> broker addresses. Its messages never repeat
/// the address, so no password reaches a validation error.
/// </summary>
public static class BrokerUri
{
    /// <summary>Why <paramref name="uri"/> is not a usable broker address, or null when it is.</summary>
    public static string? Check(string uri)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return "is not an absolute URI; use amqp://user:password@host:port";
        }

        if (parsed.Scheme is not ("amqp" or "amqps"))
        {
            return $"has scheme '{parsed.Scheme}'; use amqp:// or amqps://";
        }

        if (parsed.Host.Length == 0)
        {
            return "names no host; use amqp://user:password@host:port";
        }

        try
        {
            // The client's own parser is the final word (vhost and credential decoding).
            _ = new ConnectionFactory { Uri = parsed };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return "is not a broker address the RabbitMQ client accepts";
        }

        return null;
    }
}
