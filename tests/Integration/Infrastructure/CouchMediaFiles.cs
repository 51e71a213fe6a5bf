namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Larger media made for the CouchDB tests from the real-tool fixtures of <see cref="AudioFiles"/>.</summary>
public static class CouchMediaFiles
{
    /// <summary>A valid WAV of at least <paramref name="bytes"/> bytes (8 kHz mono 16-bit tone, made by sox).</summary>
    public static async Task<byte[]> LargeWavAsync(int bytes)
    {
        Requirements.Tools("sox");
        var seconds = bytes / 16_000 + 1;
        var path = Path.Combine(Directory.CreateTempSubdirectory("mediaorleans-wav-").FullName, "large.wav");
        var made = await ProcessRunner.BashAsync(
            $"sox -n -r 8000 -c 1 -b 16 -e signed-integer '{path}' synth {seconds} sine 440 vol 0.5", TimeSpan.FromSeconds(60));
        Assert.True(made.ExitCode == 0, made.Stderr);
        var wav = await File.ReadAllBytesAsync(path);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        return wav;
    }

    /// <summary>
    /// A valid MP3 of at least <paramref name="bytes"/> bytes: lame's 8 kHz call recording repeated
    /// (it has no Xing frame and no tags, so its frames simply follow each other).
    /// </summary>
    public static async Task<byte[]> LargeMp3Async(int bytes)
    {
        var call = await File.ReadAllBytesAsync(await AudioFiles.Call8kMp3Async());
        var copies = bytes / call.Length + 1;
        var mp3 = new byte[call.Length * copies];
        for (var i = 0; i < copies; i++)
        {
            call.CopyTo(mp3, i * call.Length);
        }

        return mp3;
    }
}
