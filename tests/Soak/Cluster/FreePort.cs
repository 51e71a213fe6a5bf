using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.Soak.Cluster;

/// <summary>Free TCP ports on loopback, as the operating system hands them out.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
