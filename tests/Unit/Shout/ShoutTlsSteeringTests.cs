using System.Buffers;
using System.Net;
using System.Text;
using MediaOrleans.Silo.Shout;
using MediaOrleans.Silo.Tls;
using MediaOrleans.Silo.Wire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MediaOrleans.Tests.Shout;

/// <summary>
/// Which plaintext requests TLS steering closes or refuses: libshout's probe from a listed address
/// (until that address fails TLS), every source under Required, nothing without a certificate.
/// </summary>
public sealed class ShoutTlsSteeringTests
{
    private static readonly IPAddress Switch = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.9");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    [Fact]
    public void Allowed_ClosesTheTlsProbeOfListedAddressesOnly()
    {
        var steering = Steering(ShoutTlsMode.Allowed, "10.0.0.0/8");

        Assert.Equal(ShoutTlsStep.CloseUnanswered, steering.Decide(Probe(), Switch));
        Assert.Equal(ShoutTlsStep.CloseUnanswered, steering.Decide(Head("GET /admin/!POKE HTTP/1.0"), Switch));
        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Probe(), Other));
        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Head("OPTIONS * HTTP/1.1"), Switch));
        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Head("PUT /rec/a.mp3 HTTP/1.1"), Switch));
    }

    [Fact]
    public void Allowed_AfterAFailedHandshake_ServesThatAddressInPlaintextUntilTheFallbackEnds()
    {
        var steering = Steering(ShoutTlsMode.Allowed, "10.1.2.3");

        steering.HandshakeFailed(Switch);

        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Probe(), Switch));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(ShoutTlsStep.CloseUnanswered, steering.Decide(Probe(), Switch));
    }

    [Fact]
    public void Allowed_ASucceededTlsSession_SteersTheAddressAgainAtOnce()
    {
        var steering = Steering(ShoutTlsMode.Allowed, "10.1.2.3");
        steering.HandshakeFailed(Switch);

        steering.HandshakeSucceeded(Switch);

        Assert.Equal(ShoutTlsStep.CloseUnanswered, steering.Decide(Probe(), Switch));
    }

    [Fact]
    public void Required_RefusesPlaintextSourcesAndSteersEveryone_EvenAfterAFailure()
    {
        var steering = Steering(ShoutTlsMode.Required);
        steering.HandshakeFailed(Other);

        Assert.Equal(ShoutTlsStep.RefusePlaintextSource, steering.Decide(Head("SOURCE /rec/a.mp3 HTTP/1.0"), Other));
        Assert.Equal(ShoutTlsStep.RefusePlaintextSource, steering.Decide(Head("PUT /rec/a.mp3 HTTP/1.1"), Other));
        Assert.Equal(ShoutTlsStep.CloseUnanswered, steering.Decide(Probe(), Other));
        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Head("GET /m/x.mp3 HTTP/1.0"), Other));
    }

    [Fact]
    public void WithoutCertificate_NothingIsSteered()
    {
        var steering = Steering(ShoutTlsMode.Allowed, "0.0.0.0/0", certificate: false);

        Assert.Equal(ShoutTlsMode.Off, steering.Mode);
        Assert.Equal(ShoutTlsStep.Serve, steering.Decide(Probe(), Switch));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("::/0", true)]
    [InlineData("switch.example", false)]
    [InlineData("10.0.0.0/33", false)]
    public void TlsAddresses_AreValidatedAtStart(string address, bool valid)
    {
        var options = new ShoutOptions { TlsAddresses = [address] };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(valid, results.Count == 0);
    }

    private ShoutTlsSteering Steering(ShoutTlsMode mode, string? addresses = null, bool certificate = true)
    {
        var tls = certificate ? new TlsOptions { CertificatePath = "server.pem", KeyPath = "server.key" } : new TlsOptions();
        var shout = new ShoutOptions { Tls = mode, TlsAddresses = addresses is null ? [] : [addresses], TlsFallbackSeconds = 60 };
        return new ShoutTlsSteering(Options.Create(shout),
            new ServerCertificate(Options.Create(tls), _time, NullLogger<ServerCertificate>.Instance), _time);
    }

    // libshout 2.4.6's first request in TLS-auto mode.
    private static RequestHead Probe() => Head("OPTIONS * HTTP/1.1", "Connection: Upgrade", "Upgrade: TLS/1.0");

    private static RequestHead Head(string requestLine, params string[] headers)
    {
        var text = requestLine + "\r\nHost: silo\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
        var parsed = RequestHeadParser.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), new HeadLimits(8192, 64));
        return parsed.Head ?? throw new InvalidOperationException($"test head did not parse: {parsed.Status}");
    }
}
