using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Access;

/// <summary>The admin API on a port of its own, and the start-up checks of the admin settings.</summary>
public sealed class AdminListenerTests
{
    [SkippableFact]
    public async Task AdminPort_ServesTheApi_TheHttpPortKeepsPlaybackAndHealthOnly()
    {
        var adminPort = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Media__Admin__Port"] = adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media__Admin__ListenAddress"] = "127.0.0.1",
        });
        using var admin = new MediaApi(new Uri($"http://127.0.0.1:{adminPort}/"));
        using var http = new MediaApi(silo.HttpBase);
        using var plain = new HttpClient();
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());

        var upload = await admin.UploadAsync("system_media/vm-enter_pass", wav, "audio/wav");
        var onHttpPort = await http.GetMediaAsync("system_media/vm-enter_pass");
        var url = await admin.StreamUrlAsync("system_media/vm-enter_pass");

        Assert.Equal(200, upload.Status);
        Assert.Equal(404, onHttpPort.Status);
        Assert.Equal(404, (await http.UploadAsync("system_media/vm-enter_pass", wav, "audio/wav")).Status);
        Assert.Equal(200, (await http.GetAsync("api/health")).Status);
        Assert.StartsWith($"http://127.0.0.1:{silo.HttpPort}/", url, StringComparison.Ordinal);
        Assert.Equal(wav, await plain.GetByteArrayAsync(new Uri(url)));
    }

    [SkippableTheory]
    [InlineData("Role", "superuser", "Media:Admin:ApiKeys:ops:Role = 'superuser': must be reader, writer or admin")]
    [InlineData("Secret", "", "Media:Admin:ApiKeys:ops:Secret is empty")]
    [InlineData("Secret", "sha256:abcd", "Media:Admin:ApiKeys:ops:Secret starts with sha256: but is not followed by 64 hex digits")]
    [InlineData("Secret", "short", "Media:Admin:ApiKeys:ops:Secret is shorter than 16 characters")]
    public async Task BadApiKey_StopsTheSiloAtStart_NamingTheKey(string field, string value, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["Media__Admin__ApiKeys__ops__Secret"] = "a-perfectly-good-secret-value",
            ["Media__Admin__ApiKeys__ops__Role"] = "admin",
        };
        settings[$"Media__Admin__ApiKeys__ops__{field}"] = value;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(settings));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-perfectly-good-secret-value", failure.Message, StringComparison.Ordinal);
    }
}
