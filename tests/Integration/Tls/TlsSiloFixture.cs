using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>
/// A silo with TLS on from certificates made for the test, plus what the TLS tests ask of it:
/// recordings allocated, awaited and fetched back. Subclasses choose the SHOUT TLS settings.
/// </summary>
public abstract class TlsSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The certificates the silo serves and clients may trust.</summary>
    public TestCertificates Certificates { get; } = new();

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("silo not started");

    /// <summary>The HTTPS port.</summary>
    public int HttpsPort { get; } = FreePorts.Next();

    /// <summary>An admin API client for the HTTP port.</summary>
    public MediaApi Api { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var settings = Certificates.SiloSettings(HttpsPort);
        foreach (var (key, value) in ShoutTlsSettings)
        {
            settings[key] = value;
        }

        _silo = await SiloProcess.StartAsync(settings);
        Api = new MediaApi(_silo.HttpBase);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Certificates.Dispose();
    }

    /// <summary>A new recording's name and source URL, with the host a certificate can name.</summary>
    public async Task<(string Name, ShoutUrl Url)> AllocateAsync()
    {
        var (status, allocation) = await Api.AllocateRecordingAsync(new { maxSeconds = 120 });
        Assert.Equal(201, status);
        var url = ShoutUrl.Parse(allocation.GetProperty("url").GetString()!);
        // libshout checks the host as a DNS name (X509_check_host), never against an IP address
        // entry: a switch must name the silo by a host name its certificate carries.
        return (allocation.GetProperty("name").GetString()!, url with { Host = "localhost" });
    }

    /// <summary>Waits (bounded) until the recording reaches <paramref name="state"/>.</summary>
    public Task<JsonElement> WaitForStateAsync(string name, string state) =>
        Api.WaitForRecordingStateAsync(name, state, () => Silo.Output);

    /// <summary>The recording's bytes, played back over HTTP from its review URL.</summary>
    public async Task<byte[]> RecordedBytesAsync(string name)
    {
        var recording = await WaitForStateAsync(name, "complete");
        var shoutUrl = recording.GetProperty("playbackUrl").GetString()!;
        var result = await ProcessRunner.BashAsync($"curl -sf 'http://{shoutUrl["shout://".Length..]}'", TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"curl {shoutUrl}: {result.ExitCode} {result.Stderr}");
        return result.Stdout;
    }

    /// <summary>How the silo said the source of <paramref name="name"/> arrived: <c>Tls13</c>, <c>Tls12</c>, <c>plaintext</c>.</summary>
    public string SourceTransport(string name)
    {
        var marker = $"Source for /rec/{name}.mp3 sent over ";
        var lines = Silo.Output.Split('\n').Where(line => line.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one source line for {name}:\n{Silo.Output}");
        return lines[0][(lines[0].IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    /// <summary>The <c>Media:Shout:Tls*</c> settings of this silo.</summary>
    protected abstract IReadOnlyDictionary<string, string> ShoutTlsSettings { get; }
}

/// <summary>TLS allowed, loopback steered to it: libshout's probe is closed unanswered.</summary>
public sealed class SteeredTlsSiloFixture : TlsSiloFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ShoutTlsSettings { get; } = new Dictionary<string, string>
    {
        ["Media__Shout__Tls"] = "Allowed",
        ["Media__Shout__TlsAddresses__0"] = "127.0.0.0/8",
    };
}

/// <summary>TLS required on the SHOUT port.</summary>
public sealed class RequiredTlsSiloFixture : TlsSiloFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ShoutTlsSettings { get; } = new Dictionary<string, string>
    {
        ["Media__Shout__Tls"] = "Required",
    };
}

/// <summary>The defaults with a certificate: TLS allowed, nobody steered; certificate files checked every second.</summary>
public sealed class DefaultTlsSiloFixture : TlsSiloFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ShoutTlsSettings { get; } = new Dictionary<string, string>
    {
        ["Media__Tls__ReloadCheckSeconds"] = "1",
    };
}

/// <summary>The same settings as <see cref="SteeredTlsSiloFixture"/>, on a silo of its own: its memory of failed handshakes is the subject.</summary>
public sealed class FallbackTlsSiloFixture : TlsSiloFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ShoutTlsSettings { get; } = new Dictionary<string, string>
    {
        ["Media__Shout__Tls"] = "Allowed",
        ["Media__Shout__TlsAddresses__0"] = "127.0.0.0/8",
    };
}
