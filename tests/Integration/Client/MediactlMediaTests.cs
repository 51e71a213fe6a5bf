using System.Text.Json;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Client;

/// <summary>
/// mediactl as a shell user runs it against a real silo: a folder tree of WAV and MP3 files is
/// imported, listed, described and played through the URLs it hands out (curl | sox for WAV,
/// curl | mpg123 over the SHOUT port for MP3); mistakes get exit codes and one-line messages.
/// </summary>
public sealed class MediactlMediaTests(SiloFixture fixture, ITestOutputHelper output) : IClassFixture<SiloFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Import_TreeOfWavAndMp3_IsListedDescribedAndPlaysThroughCurlSoxAndMpg123()
    {
        Requirements.Tools("sox", "lame", "curl", "mpg123");
        var tree = await CreateTreeAsync();
        try
        {
            var import = await Mediactl.RunAsync(fixture.Silo, "import", tree, "--prefix", "it", "--json");
            output.WriteLine(import.StdoutText);

            // One file is not audio and one name is claimed twice: the rest go in, exit code 3.
            Assert.Equal(3, import.ExitCode);
            var report = Mediactl.Parse(import);
            // Files go in in ordinal order of their paths ("hold-16k.WAV" before "hold.mp3"); names list in ordinal order.
            var imported = report.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
            Assert.Equal(["it/dup", "it/music/hold-16k", "it/music/hold", "it/prompts/en_us/vm-enter_pass", "it/prompts/greeting"], imported);
            var failed = report.GetProperty("failed").EnumerateArray()
                .ToDictionary(f => Path.GetFileName(f.GetProperty("file").GetString()!), f => f.GetProperty("error").GetString());
            Assert.Equal(new Dictionary<string, string?> { ["broken.wav"] = "invalid_audio", ["dup.wav"] = "duplicate_name" }, failed);

            var listed = await Mediactl.RunAsync(fixture.Silo, "ls", "it/");
            Assert.Equal(0, listed.ExitCode);
            Assert.Equal(imported.Order(StringComparer.Ordinal), listed.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var music = await Mediactl.JsonAsync(fixture.Silo, "ls", "it/music/");
            Assert.Equal(["it/music/hold", "it/music/hold-16k"], music.GetProperty("items").EnumerateArray().Select(i => i.GetString()));

            var wavFile = Path.Combine(tree, "prompts", "en us", "vm-enter pass.wav");
            var info = await Mediactl.JsonAsync(fixture.Silo, "info", "it/prompts/en_us/vm-enter_pass");
            Assert.Equal("pcm", info.GetProperty("codec").GetString());
            Assert.Equal(8000, info.GetProperty("sampleRate").GetInt32());
            Assert.Equal(3000, info.GetProperty("durationMs").GetInt64());
            Assert.Equal(new FileInfo(wavFile).Length, info.GetProperty("length").GetInt64());

            // WAV: the shell_stream pipeline gets exactly the samples that were imported.
            var wavUrl = await Mediactl.RunAsync(fixture.Silo, "url", "it/prompts/en_us/vm-enter_pass");
            Assert.Equal(0, wavUrl.ExitCode);
            Assert.StartsWith($"http://127.0.0.1:{fixture.Silo.HttpPort}/m/", wavUrl.StdoutText, StringComparison.Ordinal);
            var pcm = await ProcessRunner.BashAsync(
                $"curl -sf '{wavUrl.StdoutText.Trim()}' | sox -t wav - -t raw -r 8000 -c 1 -e signed-integer -b 16 -", ClientTimeout);
            Assert.Equal(0, pcm.ExitCode);
            Assert.Equal(AudioFiles.WavData(await File.ReadAllBytesAsync(wavFile)), pcm.Stdout);

            // MP3: a shout:// URL, read over plain HTTP as mod_shout does, decodes like the file itself.
            var mp3File = Path.Combine(tree, "prompts", "greeting.mp3");
            var mp3Url = await Mediactl.JsonAsync(fixture.Silo, "url", "it/prompts/greeting");
            Assert.Equal("audio/mpeg", mp3Url.GetProperty("contentType").GetString());
            var shoutUrl = mp3Url.GetProperty("url").GetString()!;
            Assert.StartsWith($"shout://127.0.0.1:{fixture.Silo.ShoutPort}/m/", shoutUrl, StringComparison.Ordinal);
            var played = await ProcessRunner.BashAsync($"curl -sf 'http://{shoutUrl["shout://".Length..]}' | mpg123 -q -s -", ClientTimeout);
            var expected = await ProcessRunner.RunAsync("mpg123", ["-q", "-s", mp3File], ClientTimeout);
            Assert.Equal(0, played.ExitCode);
            Assert.InRange(played.Stdout.Length, Pcm.MinBytes3s8k, Pcm.MaxBytes3s8k);
            Assert.Equal(expected.Stdout, played.Stdout);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Rm_DeletesTheItem_ThenItIsNotFound()
    {
        var wav = await AudioFiles.Tone8kWavAsync();
        Assert.Equal(0, (await Mediactl.RunAsync(fixture.Silo, "import", wav, "--prefix", "rm-test")).ExitCode);

        var removed = await Mediactl.JsonAsync(fixture.Silo, "rm", "rm-test/tone8k");
        var again = await Mediactl.RunAsync(fixture.Silo, "rm", "rm-test/tone8k");
        var info = await Mediactl.RunAsync(fixture.Silo, "info", "rm-test/tone8k");

        Assert.True(removed.GetProperty("deleted").GetBoolean());
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(2, info.ExitCode);
        Assert.Equal("mediactl: media 'rm-test/tone8k' does not exist", info.Stderr.Trim());
    }

    [Fact]
    public async Task UnknownMedia_ExitsTwo_WithOneLineOrJsonError()
    {
        var info = await Mediactl.RunAsync(fixture.Silo, "info", "nowhere/none");
        var url = await Mediactl.RunAsync(fixture.Silo, "url", "nowhere/none", "--json");

        Assert.Equal(2, info.ExitCode);
        Assert.Equal("mediactl: media 'nowhere/none' does not exist", info.Stderr.Trim());
        Assert.Empty(info.StdoutText);
        Assert.Equal(2, url.ExitCode);
        var error = Mediactl.Parse(url);
        Assert.Equal("not_found", error.GetProperty("error").GetString());
        Assert.Contains("nowhere/none", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedRequests_ExitThree_WithTheClusterReason()
    {
        var badName = await Mediactl.RunAsync(fixture.Silo, "info", "no spaces/allowed", "--json");
        var unavailable = await Mediactl.RunAsync(fixture.Silo, "record", "--max-seconds", "999999", "--json");

        Assert.Equal(3, badName.ExitCode);
        Assert.Equal("invalid_name", Mediactl.Parse(badName).GetProperty("error").GetString());
        Assert.Equal(3, unavailable.ExitCode);
        Assert.Equal("invalid_request", Mediactl.Parse(unavailable).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("url")]
    [InlineData("ls", "--bogus")]
    [InlineData("url", "x", "--format", "ogg")]
    [InlineData("frobnicate")]
    [InlineData("push", "/nonexistent/file.mp3")]
    [InlineData("ls", "--gateway", "no-port-here")]
    [InlineData("ls", "--connect-timeout", "0")]
    [InlineData("ls", "--Orleans:Clustering:ProviderType=Consul")]
    public async Task BadArguments_ExitOne_WithAMessageAndNoStackTrace(params string[] arguments)
    {
        var result = await Mediactl.RunAsync(arguments);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mediactl: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        output.WriteLine(result.Stderr);
    }

    [Fact]
    public async Task SiloNotRunning_FailsWithinTheConnectTimeout_ExitFour()
    {
        var port = FreePorts.Next();
        var started = DateTime.UtcNow;

        var result = await Mediactl.RunAsync(["ls", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2"]);
        var elapsed = DateTime.UtcNow - started;
        var json = await Mediactl.RunAsync(["--json", "ls", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2"]);

        output.WriteLine($"{elapsed.TotalSeconds:0.00} s, including process start: {result.Stderr}");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"cannot connect to MediaOrleans through gateway 127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
        Assert.Equal(4, json.ExitCode);
        Assert.Equal("cannot_connect", Mediactl.Parse(json).GetProperty("error").GetString());
    }

    // prompts/en us/vm-enter pass.wav (names need mapping), MP3 and WAV side by side, an upper-case
    // extension, a text file that is skipped, bytes that are not audio, two files wanting one name.
    private static async Task<string> CreateTreeAsync()
    {
        var tree = Directory.CreateTempSubdirectory("mediactl-import-").FullName;
        var made = await ProcessRunner.BashAsync(
            $"""
            set -e
            cd '{tree}'
            mkdir -p 'prompts/en us' music
            sox -n -r 8000 -c 1 -b 16 -e signed-integer 'prompts/en us/vm-enter pass.wav' synth 3 sine 440 vol 0.5
            lame --quiet -t -b 16 'prompts/en us/vm-enter pass.wav' prompts/greeting.mp3
            sox -n -r 8000 -c 1 -b 16 -e signed-integer hold.wav synth 2 sine 660 vol 0.5
            lame --quiet -t -b 16 hold.wav music/hold.mp3
            sox -n -r 16000 -c 1 -b 16 -e signed-integer music/hold-16k.WAV synth 2 sine 330 vol 0.5
            mv hold.wav dup.wav
            cp music/hold.mp3 dup.mp3
            echo 'not audio' > broken.wav
            echo 'skipped' > notes.txt
            """, ClientTimeout);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return tree;
    }
}
