using System.Buffers.Binary;

namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// Audio fixtures made with the real tools (sox, lame) once per test run, in a temp folder.
/// The MP3s have no Xing/Info frame (<c>lame -t</c>) so a stream-copying client such as ffmpeg
/// sends exactly the file's bytes.
/// </summary>
public static class AudioFiles
{
    private static readonly Lazy<Task<string>> Folder = new(CreateAsync);

    /// <summary>3 s of 440 Hz, 8 kHz mono 16-bit PCM WAV.</summary>
    public static async Task<string> Tone8kWavAsync() => Path.Combine(await Folder.Value, "tone8k.wav");

    /// <summary>The same tone as FreeSWITCH's mod_shout records an 8 kHz call: MPEG-2.5 Layer III 16 kbps mono.</summary>
    public static async Task<string> Call8kMp3Async() => Path.Combine(await Folder.Value, "call8k.mp3");

    /// <summary>A second, different recording-like MP3 (2 s of 660 Hz).</summary>
    public static async Task<string> Other8kMp3Async() => Path.Combine(await Folder.Value, "other8k.mp3");

    /// <summary>The tone of <see cref="Call8kMp3Async"/> with an ID3v2 tag in front and an ID3v1 tag at the end.</summary>
    public static async Task<string> Tagged8kMp3Async() => Path.Combine(await Folder.Value, "tagged8k.mp3");

    /// <summary>2 s of 440 Hz then 2 s of silence, as mod_shout records an 8 kHz call that ends quietly.</summary>
    public static async Task<string> ToneThenSilence8kMp3Async() => Path.Combine(await Folder.Value, "tone-silence8k.mp3");

    /// <summary>6 s of 440 Hz at 320 kbps (44.1 kHz stereo), about 240 KB: a real-time source that fills a small disk in seconds.</summary>
    public static async Task<string> Wide320kMp3Async() => Path.Combine(await Folder.Value, "wide320.mp3");

    /// <summary>The sample bytes of a WAV file's data chunk.</summary>
    public static byte[] WavData(byte[] wav)
    {
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(position + 4));
            if (wav.AsSpan(position, 4).SequenceEqual("data"u8))
            {
                return wav.AsSpan(position + 8, size).ToArray();
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }

    private static async Task<string> CreateAsync()
    {
        Requirements.Tools("sox", "lame");
        var folder = Directory.CreateTempSubdirectory("mediaorleans-audio-").FullName;
        var result = await ProcessRunner.BashAsync(
            $"""
            set -e
            cd '{folder}'
            sox -n -r 8000 -c 1 -b 16 -e signed-integer tone8k.wav synth 3 sine 440 vol 0.5
            sox -n -r 8000 -c 1 -b 16 -e signed-integer other8k.wav synth 2 sine 660 vol 0.5
            lame --quiet -t -b 16 tone8k.wav call8k.mp3
            lame --quiet -t -b 16 other8k.wav other8k.mp3
            lame --quiet -t -b 16 --tt Greeting --add-id3v2 tone8k.wav tagged8k.mp3
            sox -n -r 8000 -c 1 -b 16 -e signed-integer tone-silence8k.wav synth 2 sine 440 vol 0.5 pad 0 2
            lame --quiet -t -b 16 tone-silence8k.wav tone-silence8k.mp3
            sox -n -r 44100 -c 2 -b 16 -e signed-integer wide.wav synth 6 sine 440 vol 0.5
            lame --quiet -t -b 320 wide.wav wide320.mp3
            """, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return folder;
    }
}
