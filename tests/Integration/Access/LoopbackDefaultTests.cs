using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>With no API key configured the admin API answers loopback only, whatever address the silo listens on.</summary>
public sealed class LoopbackDefaultTests
{
    [SkippableFact]
    public async Task NoKeyConfigured_LoopbackIsServed_AnotherAddressGets401SayingHowToConfigureAKey()
    {
        Requirements.Tools("curl", "ip");
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Media__ListenAddress"] = "0.0.0.0" });
        await using var space = await NetworkNamespace.CreateAsync();
        using var api = new MediaApi(silo.HttpBase);
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var remote = $"http://{space.HostAddress}:{silo.HttpPort}";

        var upload = await api.UploadAsync("system_media/vm-enter_pass", wav, "audio/wav");
        var list = await space.ExecAsync($"curl -s -D /dev/stderr {remote}/api/media", TimeSpan.FromSeconds(30));
        var delete = await space.ExecAsync($"curl -s -o /dev/null -w '%{{http_code}}' -X DELETE {remote}/api/media/system_media/vm-enter_pass",
            TimeSpan.FromSeconds(30));
        var health = await space.ExecAsync($"curl -s -o /dev/null -w '%{{http_code}}' {remote}/api/health", TimeSpan.FromSeconds(30));

        Assert.Equal(200, upload.Status);
        Assert.Contains(" 401", list.Stderr, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Bearer", list.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Media:Admin:ApiKeys:<name>:Secret", list.StdoutText, StringComparison.Ordinal);
        Assert.Contains("loopback", list.StdoutText, StringComparison.Ordinal);
        Assert.Equal("401", delete.StdoutText);
        Assert.Equal("200", health.StdoutText);
        Assert.Equal(200, (await api.GetMediaAsync("system_media/vm-enter_pass")).Status);
    }
}
