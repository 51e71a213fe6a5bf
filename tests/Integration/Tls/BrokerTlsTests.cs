using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>
/// The message bus over TLS through its existing setting: an <c>amqps://</c> broker URI. The
/// silo trusts a private authority the way any .NET program on Linux does, through OpenSSL's
/// <c>SSL_CERT_FILE</c>; the broker's certificate must name the URI's host.
/// </summary>
public sealed class BrokerTlsTests
{
    [SkippableFact]
    public async Task AmqpsUri_ConnectsToTheBrokersTlsListener()
    {
        using var certificates = new TestCertificates();
        var broker = RabbitMqServer.WithTls(certificates);
        await broker.InitializeAsync();
        try
        {
            broker.Require();
            var settings = BusSilos.Isolated(broker, "tls");
            settings["Media__Bus__Uri"] = broker.TlsUri;
            settings["SSL_CERT_FILE"] = certificates.CaPath;

            // Returns once /api/health says the bus is connected (consuming its queues).
            await using var silo = await BusSilos.StartConnectedAsync(settings);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }
}
