using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Hands out loopback ports nobody is listening on, never the same one twice in a run.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
