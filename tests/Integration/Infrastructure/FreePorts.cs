using System.Net;
using System.Net.Sockets;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// Hands out loopback ports nobody is listening on, never the same one twice in a run. They are
/// taken below the kernel's ephemeral range: a port from that range (what binding port 0 gives)
/// can be taken as the local port of any outgoing connection between the probe and the moment
/// the server binds it, and a silo then fails to start with "address already in use".
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];
    private static readonly int Highest = EphemeralLow() - 1;

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest + 1);
                if (!Given.Contains(port) && Bindable(port))
                {
                    Given.Add(port);
                    return port;
                }
            }

            throw new InvalidOperationException($"no free port between {Lowest} and {Highest}");
        }
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The first port of the range the kernel picks local ports of outgoing connections from.
    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var text = File.Exists(range) ? File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        return text.Length > 0 && int.TryParse(text[0], out var low) && low > Lowest + 1000 ? low : 32_768;
    }
}
