using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>TLS settings that cannot work stop the silo at start, naming the key; without a certificate https is refused.</summary>
public sealed class TlsStartupTests
{
    [Fact]
    public async Task MissingKeyFile_StopsTheSiloNamingTheKey()
    {
        using var certificates = new TestCertificates();
        var settings = certificates.SiloSettings(FreePorts.Next());
        settings["Media__Tls__KeyPath"] = certificates.KeyPath + ".missing";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(settings));

        Assert.Contains("Media:Tls:KeyPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateFileWithoutPem_StopsTheSiloNamingTheKey()
    {
        using var certificates = new TestCertificates();
        await File.WriteAllTextAsync(certificates.CertificatePath, "not a certificate");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(certificates.SiloSettings(FreePorts.Next())));

        Assert.Contains("Media:Tls:CertificatePath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be loaded as PEM", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShoutTlsRequiredWithoutCertificate_StopsTheSilo()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloProcess.StartAsync(new Dictionary<string, string> { ["Media__Shout__Tls"] = "Required" }));

        Assert.Contains("Media:Shout:Tls = 'Required' needs a certificate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsAskedWithoutCertificate_IsRefusedWithTheReason()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var api = new MediaApi(silo.HttpBase);
        Assert.Equal(200, (await api.UploadAsync("tls/none", await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync()), "audio/wav")).Status);

        var (status, body) = await api.StreamAsync(new { mediaName = "tls/none", protocol = "https" });

        Assert.Equal(400, status);
        Assert.Equal("unsupported_protocol", body.GetProperty("error").GetString());
        Assert.Equal("protocol 'https' is not served; use http or shout", body.GetProperty("message").GetString());
    }
}
