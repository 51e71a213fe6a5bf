using MediaOrleans.Client;
using MediaOrleans.Client.Connection;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>
/// Orleans over mutual TLS: two silos (the second by port offset) form one cluster, a client with
/// a certificate calls grains through the gateway, and a client without one is refused.
/// </summary>
public sealed class ClusterTlsTests
{
    private const int Offset = 5;

    [Fact]
    public async Task TwoSilosAndAClientWithCertificates_FormOneCluster_AndAClientWithoutOneIsRefused()
    {
        using var certificates = new TestCertificates();
        var settings = new Dictionary<string, string>
        {
            ["Media__Urls__Secret"] = "cluster-tls-test-secret-0123456789abcdef",
            ["Media__Cluster__Tls__CertificatePath"] = certificates.CertificatePath,
            ["Media__Cluster__Tls__KeyPath"] = certificates.KeyPath,
            ["Media__Cluster__Tls__CaPath"] = certificates.CaPath,
            ["Media__Cluster__Tls__ClientCertificateMode"] = "RequireCertificate",
        };
        await using var first = await SiloProcess.StartAsync(settings);
        await using var second = await SiloProcess.StartAsync(
            new Dictionary<string, string>(settings) { ["Media__PortOffset"] = $"{Offset}" }, ports: first.Ports);

        var trusted = new MediaClientOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(60),
            TlsCertificatePath = certificates.CertificatePath,
            TlsKeyPath = certificates.KeyPath,
            TlsCaPath = certificates.CaPath,
        };
        trusted.Gateways.Add($"127.0.0.1:{second.Ports.Gateway}");
        await using (var client = await MediaClient.ConnectAsync(trusted))
        {
            await WaitForActiveSilosAsync(client, 2, first, second);
            var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
            await using var content = new MemoryStream(wav);
            var stored = await client.Media.UploadAsync("tls/cluster", content, "audio/wav");
            Assert.Equal(stored.Version, (await client.Media.GetInfoAsync("tls/cluster"))?.Version);
        }

        var anonymous = new MediaClientOptions { ConnectTimeout = TimeSpan.FromSeconds(5), TlsCaPath = certificates.CaPath };
        anonymous.Gateways.Add($"127.0.0.1:{first.Ports.Gateway}");
        await Assert.ThrowsAsync<ClusterUnreachableException>(() => MediaClient.ConnectAsync(anonymous));
    }

    private static async Task WaitForActiveSilosAsync(MediaClient client, int count, SiloProcess first, SiloProcess second)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var silos = await client.Cluster.GetSilosAsync();
            if (silos.Count == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{silos.Count} active silos, not {count}\n{first.Output}\n{second.Output}");
            await Task.Delay(200);
        }
    }
}
