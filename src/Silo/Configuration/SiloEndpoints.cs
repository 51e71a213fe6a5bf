namespace MediaOrleans.Silo.Configuration;

/// <summary>
/// Where this silo listens and the name others reach it by, with <c>Media:PortOffset</c> applied
/// once to every port, so several silos share one machine and one configuration. Built once at
/// start; the listeners bind these ports, URLs name them, Orleans uses the last two.
/// </summary>
/// <param name="AdvertisedHost">The host name put into every URL handed out.</param>
/// <param name="ListenAddress">The address the HTTP and SHOUT listeners bind to.</param>
/// <param name="HttpPort">HTTP listener port.</param>
/// <param name="ShoutPort">SHOUT listener port.</param>
/// <param name="SiloPort">Orleans silo-to-silo port.</param>
/// <param name="GatewayPort">Orleans client gateway port.</param>
/// <param name="HttpsPort">HTTPS listener port, or null when no certificate is configured.</param>
/// <param name="AdminPort">The admin API's own port, or null when it is served on the HTTP listener.</param>
/// <param name="AdminListenAddress">The address the admin port binds to.</param>
public sealed record SiloEndpoints(string AdvertisedHost, string ListenAddress, int HttpPort, int ShoutPort, int SiloPort, int GatewayPort,
    int? HttpsPort = null, int? AdminPort = null, string? AdminListenAddress = null)
{
    /// <summary>The endpoints for <paramref name="media"/>'s host and offset and the configured (un-offset) ports.</summary>
    public static SiloEndpoints From(MediaOptions media, int httpPort, int shoutPort, int siloPort, int gatewayPort,
        int? httpsPort = null, int? adminPort = null, string? adminListenAddress = null)
    {
        var offset = media.PortOffset;
        return new SiloEndpoints(media.AdvertisedHost, media.ListenAddress, httpPort + offset, shoutPort + offset,
            siloPort + offset, gatewayPort + offset, httpsPort + offset, adminPort + offset, adminListenAddress ?? media.ListenAddress);
    }

    /// <summary><c>http://host:port</c> of the HTTP listener, as URLs name it.</summary>
    public string HttpOrigin => $"http://{AdvertisedHost}:{HttpPort}";

    /// <summary><c>https://host:port</c> of the HTTPS listener, or null when it is off.</summary>
    public string? HttpsOrigin => HttpsPort is { } port ? $"https://{AdvertisedHost}:{port}" : null;

    /// <summary><c>shout://host:port</c> of the SHOUT listener, as URLs name it.</summary>
    public string ShoutOrigin => $"shout://{AdvertisedHost}:{ShoutPort}";
}
