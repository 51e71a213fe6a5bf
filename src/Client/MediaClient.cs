using System.Globalization;
using System.Net;
using MediaOrleans.Client.Cluster;
using MediaOrleans.Client.Connection;
using MediaOrleans.Client.Media;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace MediaOrleans.Client;

/// <summary>
/// An Orleans client connected to a MediaOrleans cluster, with the media, recording and cluster
/// operations over its grains. Create one with <see cref="ConnectAsync"/>, share it (it is
/// thread-safe), and dispose it to close the connection.
/// </summary>
public sealed class MediaClient : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    // Retrying ends at the connect timeout, but an attempt already under way (a membership
    // database slow to answer, a gateway that accepts nothing) may take this much longer.
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(10);
    private readonly IHost _host;

    private MediaClient(IHost host, MediaClientOptions options, ClientClustering clustering)
    {
        _host = host;
        Orleans = host.Services.GetRequiredService<IClusterClient>();
        Clustering = clustering;
        Media = new MediaOperations(Orleans, options.MaxUploadBytes);
        Recordings = new RecordingOperations(Orleans);
        Cluster = new ClusterOperations(Orleans);
    }

    /// <summary>The connected Orleans client, for grain calls this API does not wrap.</summary>
    public IClusterClient Orleans { get; }

    /// <summary>How the cluster was found.</summary>
    public ClientClustering Clustering { get; }

    /// <summary>Media items: upload, describe, list, delete, playback URLs.</summary>
    public MediaOperations Media { get; }

    /// <summary>Recordings: allocate, watch, push a file in, read back, store as media, list.</summary>
    public RecordingOperations Recordings { get; }

    /// <summary>The silos of the cluster and their load.</summary>
    public ClusterOperations Cluster { get; }

    /// <summary>
    /// Connects to the cluster <paramref name="options"/> describe (by default the embedded
    /// silo on this machine). Throws <see cref="ArgumentException"/> for options that cannot
    /// work and <see cref="ClusterUnreachableException"/> when no gateway answers within
    /// <see cref="MediaClientOptions.ConnectTimeout"/> (10 s more at most for an attempt under way).
    /// </summary>
    public static async Task<MediaClient> ConnectAsync(MediaClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MediaClientOptions();
        var clustering = ClientClustering.From(options);
        var gateways = clustering.Kind == ClusteringKind.StaticGateways
            ? await ResolveAsync(clustering, cancellationToken).ConfigureAwait(false)
            : [];

        // No default configuration sources: the caller's options decide everything, so an
        // environment variable meant for a silo on the same machine cannot redirect the client.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var started = TimeProvider.System.GetTimestamp();
        var deadline = TimeProvider.System.GetUtcNow() + options.ConnectTimeout;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clustering.ClusterId;
                cluster.ServiceId = clustering.ServiceId;
            });
            if (clustering.Kind == ClusteringKind.StaticGateways)
            {
                client.UseStaticClustering(gateways);
            }
            else
            {
                client.UseAdoNetClustering(adoNet =>
                {
                    adoNet.Invariant = ClusteringKeys.NpgsqlInvariant;
                    adoNet.ConnectionString = clustering.ConnectionString;
                });
            }

            client.UseConnectionRetryFilter(new DeadlineRetryFilter(deadline, TimeProvider.System));
            ClientTls.Apply(client, options);
        });

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout + ConnectGrace);
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
            return new MediaClient(host, options, clustering);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ArgumentException)
        {
            host.Dispose();
            var waited = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            throw new ClusterUnreachableException(string.Create(CultureInfo.InvariantCulture,
                $"cannot connect to MediaOrleans through {clustering.Describe()} after {waited:0.0} s: {Reason(ex)}"), ex);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Closes the connection (waiting at most 5 s for the cluster to acknowledge).</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The cluster went away; the connection is dropped with the host below.
        }

        _host.Dispose();
    }

    private static async Task<IPEndPoint[]> ResolveAsync(ClientClustering clustering, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in clustering.Gateways)
        {
            if (IPAddress.TryParse(gateway.Host, out var address))
            {
                endpoints.Add(new IPEndPoint(address, gateway.Port));
                continue;
            }

            try
            {
                var addresses = await Dns.GetHostAddressesAsync(gateway.Host, cancellationToken).ConfigureAwait(false);
                // Silos on the embedded defaults listen on IPv4 loopback, so "localhost" must not become ::1.
                var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    ?? addresses.FirstOrDefault()
                    ?? throw new ClusterUnreachableException($"gateway host '{gateway.Host}' has no address");
                endpoints.Add(new IPEndPoint(chosen, gateway.Port));
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new ClusterUnreachableException($"cannot resolve gateway host '{gateway.Host}': {ex.Message}", ex);
            }
        }

        return [.. endpoints];
    }

    // Orleans' own messages speak of retries the caller never sees; say what a person can check.
    private static string Reason(Exception ex)
    {
        for (var link = ex; link is not null; link = link.InnerException)
        {
            if (link is ConnectionFailedException)
            {
                return "no gateway accepted the connection (is a silo running there, with this cluster id?)";
            }
        }

        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost is OperationCanceledException ? "timed out" : innermost.Message;
    }
}
