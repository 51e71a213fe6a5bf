using System.Security.Cryptography;
using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.Storage;

/// <summary>A data directory written in the earlier suffix layout is still served after an upgrade.</summary>
public sealed class LegacyLayoutTests
{
    [SkippableFact]
    public async Task OldLayoutMediaAndRecordings_AreServedByANewSilo()
    {
        var data = Directory.CreateTempSubdirectory("mediaorleans-legacy-").FullName;
        try
        {
            await ServedAfterUpgradeAsync(data);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task ServedAfterUpgradeAsync(string data)
    {
        var wav = await File.ReadAllBytesAsync(await AudioFiles.Tone8kWavAsync());
        var version = Convert.ToHexStringLower(SHA256.HashData(wav))[..20];
        // As the earlier layout wrote them: <name>.media/ for media, <name>.json beside <name>.mp3 for recordings.
        var item = Path.Combine(data, "media", "old", "n", "a.media");
        var nested = Path.Combine(item, "x.media");
        foreach (var directory in new[] { item, nested })
        {
            var name = directory == item ? "old/n/a" : "old/n/a.media/x";
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, version + ".bin"), wav);
            await File.WriteAllTextAsync(Path.Combine(directory, "meta.json"),
                $$$"""{"name":"{{{name}}}","version":"{{{version}}}","contentType":"audio/wav","length":{{{wav.Length}}},"lastModified":"2026-01-01T00:00:00+00:00","audio":{"codec":"pcm","sampleRate":8000,"channels":1,"durationMs":3000,"bitrate":128000}}""");
        }

        Directory.CreateDirectory(Path.Combine(data, "recordings", "vm"));
        await File.WriteAllTextAsync(Path.Combine(data, "recordings", "vm", "old.json"),
            """{"name":"vm/old","state":"Complete","user":"u","passwordHash":"h","maxSeconds":60,"allocatedAt":"2026-01-01T00:00:00+00:00","durationMs":1000}""");
        await File.WriteAllBytesAsync(Path.Combine(data, "recordings", "vm", "old.mp3"), new byte[1234]);

        await using var silo = await SiloProcess.StartAsync(dataPath: data);
        using var api = new MediaApi(silo.HttpBase);

        Assert.Equal(200, (await api.GetMediaAsync("old/n/a")).Status);
        Assert.Equal(200, (await api.GetMediaAsync("old/n/a.media/x")).Status);
        using var http = new HttpClient();
        Assert.Equal(wav, await http.GetByteArrayAsync(await api.StreamUrlAsync("old/n/a.media/x")));
        var (status, recording) = await api.GetRecordingAsync("vm/old");
        Assert.Equal(200, status);
        Assert.Equal(1234, recording.GetProperty("bytes").GetInt64());
        Assert.Equal(204, (await api.DeleteMediaAsync("old/n/a")).Status);
        Assert.Equal(200, (await api.GetMediaAsync("old/n/a.media/x")).Status);
        Assert.Contains("Moved 2 media items", silo.Output, StringComparison.Ordinal);
    }
}
