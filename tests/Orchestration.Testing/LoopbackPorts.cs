using System.Net;
using System.Net.Sockets;

namespace Orchestration.Testing;

/// <summary>Ports on this machine for tests.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on (bound, then released): a broker or server that never answers.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
