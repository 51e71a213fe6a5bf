using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Tls;

/// <summary>
/// libshout in TLS-auto mode (modshout-client, mod_shout's exact calls) steered to TLS on the
/// SHOUT port: its plaintext probe goes unanswered, it starts over with a TLS handshake on the same
/// port and records every byte encrypted.
/// </summary>
public sealed class SteeredShoutTlsTests(SteeredTlsSiloFixture fixture) : IClassFixture<SteeredTlsSiloFixture>
{
    [SkippableFact]
    public async Task ModShout_TrustingTheCertificate_RecordsByteExactOverTls13()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        var result = await SourceClients.ModShoutAsync(url, mp3, trustedCa: fixture.Certificates.CaPath);

        Assert.True(result.ExitCode == 0, $"modshout-client failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await fixture.RecordedBytesAsync(name));
        Assert.Equal("Tls13", fixture.SourceTransport(name));
    }

    [SkippableFact]
    public async Task ModShout_Steered_SendsNoAudioOrCredentialsInClear()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var audio = await File.ReadAllBytesAsync(mp3);
        var (name, url) = await fixture.AllocateAsync();
        await using var wire = CapturingRelay.Start(url.Port);

        var result = await SourceClients.ModShoutAsync(url with { Port = wire.Port }, mp3, trustedCa: fixture.Certificates.CaPath);

        Assert.True(result.ExitCode == 0, $"modshout-client failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(audio, await fixture.RecordedBytesAsync(name));
        var captures = wire.Captures;
        var encrypted = Assert.Single(captures, capture => capture.Length > 0 && capture[0] == 0x16);
        Assert.True(encrypted.Length > audio.Length, $"the TLS connection carried {encrypted.Length} bytes, less than the {audio.Length} recorded");
        var everything = captures.SelectMany(capture => capture).ToArray();
        // Any 32 bytes of the audio, or the password, in clear would show the stream was not encrypted.
        for (var offset = 0; offset + 32 <= audio.Length; offset += 512)
        {
            Assert.True(everything.AsSpan().IndexOf(audio.AsSpan(offset, 32)) < 0, $"audio bytes at {offset} crossed the wire in clear");
        }

        Assert.True(everything.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(url.Password)) < 0, "the password crossed the wire in clear");
        Assert.True(everything.AsSpan().IndexOf("Authorization"u8) < 0, "credentials crossed the wire in clear");
    }

    [SkippableFact]
    public async Task Ffmpeg_WithTlsOption_RecordsByteExactOverTls()
    {
        Requirements.Tools("ffmpeg");
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        // ffmpeg starts with the handshake itself; -tls_verify 1 makes it check the certificate.
        var result = await ProcessRunner.BashAsync(
            $"ffmpeg -nostdin -loglevel error -i '{mp3}' -c copy -id3v2_version 0 -f mp3 -tls 1 -tls_verify 1 -ca_file '{fixture.Certificates.CaPath}' '{url.Icecast}'",
            TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, $"ffmpeg failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await fixture.RecordedBytesAsync(name));
        Assert.Equal("Tls13", fixture.SourceTransport(name));
    }
}

/// <summary>
/// With TLS <c>Allowed</c>, a steered switch that does not trust the certificate fails that one
/// attempt ("bad certificate"; libshout does not fall back by itself), and its next attempt is
/// answered in plaintext and records.
/// </summary>
public sealed class FallbackShoutTlsTests(FallbackTlsSiloFixture fixture) : IClassFixture<FallbackTlsSiloFixture>
{
    [SkippableFact]
    public async Task ModShout_NotTrustingTheCertificate_FailsOnceThenRecordsInPlaintext()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        var steered = await SourceClients.ModShoutAsync(url, mp3);
        var again = await SourceClients.ModShoutAsync(url, mp3);

        Assert.True(steered.ExitCode != 0, $"an untrusted certificate was accepted: {steered.Stderr}");
        Assert.Contains("bad certificate", steered.Stderr, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, $"modshout-client failed ({again.ExitCode}): {again.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await fixture.RecordedBytesAsync(name));
        Assert.Equal("plaintext", fixture.SourceTransport(name));
    }
}

/// <summary>With TLS <c>Required</c>, only encrypted sources record.</summary>
public sealed class RequiredShoutTlsTests(RequiredTlsSiloFixture fixture) : IClassFixture<RequiredTlsSiloFixture>
{
    [SkippableFact]
    public async Task ModShout_WithTlsDisabled_IsRefusedAndNothingIsStored()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        var result = await SourceClients.ModShoutAsync(url, mp3, tlsDisabled: true);

        Assert.True(result.ExitCode != 0, "a plaintext source was accepted");
        var (_, recording) = await fixture.Api.GetRecordingAsync(name);
        Assert.Equal(("allocated", 0L), (recording.GetProperty("state").GetString(), recording.GetProperty("bytes").GetInt64()));
        Assert.Contains($"Plaintext source for /rec/{name}.mp3 refused", fixture.Silo.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ModShout_InTlsAutoMode_RecordsByteExactOverTls()
    {
        var mp3 = await AudioFiles.Call8kMp3Async();
        var (name, url) = await fixture.AllocateAsync();

        var result = await SourceClients.ModShoutAsync(url, mp3, trustedCa: fixture.Certificates.CaPath);

        Assert.True(result.ExitCode == 0, $"modshout-client failed ({result.ExitCode}): {result.Stderr}\n{fixture.Silo.Output}");
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await fixture.RecordedBytesAsync(name));
        Assert.Equal("Tls13", fixture.SourceTransport(name));
    }
}
