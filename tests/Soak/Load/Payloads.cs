using System.Diagnostics;
using System.Globalization;

namespace MediaOrleans.Soak.Load;

/// <summary>
/// The audio the load sends and plays, made once per run with sox and lame: recordings as
/// mod_shout makes them (8 kHz mono MPEG-2.5 Layer III, 16 kbps, no Xing frame) of several
/// lengths, a WAV prompt and an MP3 prompt. <see cref="Bytes"/> maps each payload's name to its
/// bytes, which the checker compares what was stored against.
/// </summary>
public sealed class Payloads
{
    private Payloads(string folder, Dictionary<string, byte[]> bytes)
    {
        Folder = folder;
        Bytes = bytes;
    }

    public string Folder { get; }

    public IReadOnlyDictionary<string, byte[]> Bytes { get; }

    /// <summary>Recording payload names, one per length.</summary>
    public IReadOnlyList<string> Recordings => [.. Bytes.Keys.Where(k => k.StartsWith("rec-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public const string PromptWav = "prompt.wav";

    public const string PromptMp3 = "prompt.mp3";

    public string PathOf(string name) => Path.Combine(Folder, name);

    // sox -D: no dither, so the same commands make the same bytes and a saved history can be judged again.
    /// <summary>Makes recordings of every whole number of seconds from <paramref name="minSeconds"/> to <paramref name="maxSeconds"/> (step 5).</summary>
    public static async Task<Payloads> CreateAsync(string folder, int minSeconds, int maxSeconds)
    {
        Directory.CreateDirectory(folder);
        var script = new List<string>
        {
            "set -e",
            "sox -D -n -r 8000 -c 1 -b 16 -e signed-integer prompt.wav synth 3 sine 440 vol 0.5",
            "sox -D -n -r 8000 -c 1 -b 16 -e signed-integer prompt-src.wav synth 6 sine 550 vol 0.5",
            "lame --quiet -t -b 16 prompt-src.wav prompt.mp3",
        };
        for (var seconds = minSeconds; seconds <= maxSeconds; seconds += 5)
        {
            // A different tone per length, so a recording stored with another's bytes shows.
            script.Add(string.Create(CultureInfo.InvariantCulture,
                $"sox -D -n -r 8000 -c 1 -b 16 -e signed-integer rec-{seconds}.wav synth {seconds} sine {300 + seconds * 7} vol 0.5"));
            script.Add(string.Create(CultureInfo.InvariantCulture, $"lame --quiet -t -b 16 rec-{seconds}.wav rec-{seconds}.mp3 && rm rec-{seconds}.wav"));
        }

        var start = new ProcessStartInfo("bash", ["-c", string.Join('\n', script)]) { WorkingDirectory = folder, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"making the soak audio failed (sox, lame installed?): {errors}");
        }

        var bytes = Directory.GetFiles(folder, "*.*")
            .Where(f => Path.GetFileName(f) is PromptWav or PromptMp3 || Path.GetFileName(f).StartsWith("rec-", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        return new Payloads(folder, bytes);
    }
}
