using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>
/// A silo with a certificate and otherwise default settings: HTTPS plays byte-exact through the
/// fast path and the admin API, URLs stay http/shout unless https is asked for, a renewed
/// certificate is presented without a restart, and switches not steered record as before.
/// </summary>
public sealed class HttpsTests(DefaultTlsSiloFixture fixture) : IClassFixture<DefaultTlsSiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task CurlWithCaCert_PlaysUploadedWavByteExact_TwiceOnOneConnection()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync("tls/tone", wav, "audio/wav")).Status);
        var url = await fixture.Api.StreamUrlAsync("tls/tone", "https");
        Assert.StartsWith($"https://127.0.0.1:{fixture.HttpsPort}/m/", url, StringComparison.Ordinal);

        var directory = Directory.CreateTempSubdirectory("mediaorleans-https-").FullName;
        var result = await ProcessRunner.BashAsync(
            $"cd '{directory}' && curl -sf --cacert '{fixture.Certificates.CaPath}' -o one.wav '{url}' -o two.wav '{url}'", ClientTimeout);

        Assert.True(result.ExitCode == 0, $"curl: {result.ExitCode} {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(wav, await File.ReadAllBytesAsync(Path.Combine(directory, "one.wav")));
        Assert.Equal(wav, await File.ReadAllBytesAsync(Path.Combine(directory, "two.wav")));
        Directory.Delete(directory, recursive: true);
    }

    [SkippableFact]
    public async Task AdminApiOverHttps_GivesHttpUrlsUnlessHttpsIsAsked()
    {
        Requirements.Tools("curl");
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        Assert.Equal(200, (await fixture.Api.UploadAsync("tls/plain", wav, "audio/wav")).Status);

        var result = await ProcessRunner.BashAsync(
            $"curl -sf --cacert '{fixture.Certificates.CaPath}' -H 'Content-Type: application/json' -d '{{\"mediaName\":\"tls/plain\"}}' https://localhost:{fixture.HttpsPort}/api/streams",
            ClientTimeout);

        Assert.True(result.ExitCode == 0, $"curl: {result.ExitCode} {result.Stderr}");
        Assert.Contains($"\"url\":\"http://127.0.0.1:{fixture.Silo.HttpPort}/m/", result.StdoutText, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RenewedCertificateFiles_AreServedByTheNextHandshake()
    {
        var before = await PresentedThumbprintAsync();
        Assert.Equal(fixture.Certificates.ServerThumbprint, before);

        var renewed = fixture.Certificates.Renew();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string presented;
        while ((presented = await PresentedThumbprintAsync()) != renewed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still presenting {presented}, not the renewed {renewed}\n{fixture.Silo.Output}");
            await Task.Delay(200);
        }

        // The console logger writes on its own thread: the line may trail the handshake a little.
        while (!fixture.Silo.Output.Contains("reloaded", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the renewed certificate was served but no reload was logged\n{fixture.Silo.Output}");
            await Task.Delay(200);
        }
    }

    [SkippableFact]
    public async Task ModShout_NotSteered_RecordsInPlaintextWithoutTrustingTheCertificate()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        var result = await SourceClients.ModShoutAsync(url, mp3);

        Assert.True(result.ExitCode == 0, $"modshout-client failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await fixture.RecordedBytesAsync(name));
        Assert.Equal("plaintext", fixture.SourceTransport(name));
    }

    private async Task<string> PresentedThumbprintAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream());
        using var ca = X509CertificateLoader.LoadCertificateFromFile(fixture.Certificates.CaPath);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", CertificateChainPolicy = policy });
        return tls.RemoteCertificate is X509Certificate2 presented
            ? presented.Thumbprint
            : throw new InvalidOperationException("no certificate presented");
    }
}
