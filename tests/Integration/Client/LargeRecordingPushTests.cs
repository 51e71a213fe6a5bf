using System.Security.Cryptography;
using MediaOrleans.Client;
using MediaOrleans.Client.Recordings;
using MediaOrleans.Interfaces;
using MediaOrleans.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MediaOrleans.IntegrationTests.Client;

/// <summary>
/// A recording far larger than one Orleans message (over 150 MiB, the limit is 100 MiB) pushed
/// from a client in 1 MiB appends, through the library and through <c>mediactl push</c>, arrives
/// byte for byte; storing it as media is refused cleanly because that would be one message.
/// </summary>
public sealed class LargeRecordingPushTests(LargeRecordingPushTests.Silo fixture, ITestOutputHelper output)
    : IClassFixture<LargeRecordingPushTests.Silo>
{
    private const long MinimumBytes = 150L * 1024 * 1024;

    [SkippableFact]
    public async Task Library_PushesOver150MiBInChunks_WithProgress_AndReadsItBackByteExact()
    {
        var file = await fixture.BigMp3Async();
        var options = new MediaClientOptions { ConnectTimeout = TimeSpan.FromSeconds(60) };
        options.Gateways.Add(Mediactl.Gateway(fixture.Process));
        await using var client = await MediaClient.ConnectAsync(options);
        var reports = new ReportsInOrder();

        var started = DateTime.UtcNow;
        await using var source = File.OpenRead(file);
        var status = await client.Recordings.PushAsync(source,
            new RecordingPushOptions { Name = "big/library", MaxSeconds = Silo.MaxSeconds }, reports);
        var pushed = DateTime.UtcNow - started;

        var length = new FileInfo(file).Length;
        Assert.Equal(RecordingState.Complete, status.State);
        Assert.Equal("closed", status.StoppedReason);
        Assert.Equal(length, status.Bytes);
        Assert.Equal(length, reports.Values[^1]);
        Assert.True(reports.Values.Count >= length / RecordingPushOptions.DefaultChunkBytes, $"{reports.Values.Count} progress reports");
        Assert.Equal(reports.Values.Order(), reports.Values);

        // Read back through IRecordingGrain.ReadAsync in 1 MiB chunks.
        using var copy = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var hashing = new HashingStream(copy))
        {
            Assert.Equal(length, await client.Recordings.CopyToAsync("big/library", hashing));
        }

        Assert.Equal(await HashAsync(file), copy.GetHashAndReset());
        output.WriteLine($"pushed {length:N0} bytes in {pushed.TotalSeconds:0.0} s ({length / 1048576.0 / pushed.TotalSeconds:0.0} MiB/s), "
            + $"{reports.Values.Count} progress reports, read back byte-exact");
    }

    [SkippableFact]
    public async Task Mediactl_PushesOver150MiB_ByteExactInTheSpool_AndStoreIsRefusedAsOneMessageTooMany()
    {
        var file = await fixture.BigMp3Async();

        var started = DateTime.UtcNow;
        var pushed = await Mediactl.JsonAsync(fixture.Process, "push", file, "--name", "big/mediactl", "--max-seconds", $"{Silo.MaxSeconds}");
        var elapsed = DateTime.UtcNow - started;

        var length = new FileInfo(file).Length;
        Assert.Equal("complete", pushed.GetProperty("state").GetString());
        Assert.Equal(length, pushed.GetProperty("bytes").GetInt64());
        var spooled = Path.Combine(fixture.Process.DataPath, "recordings", "big", "mediactl", "@item", "audio.mp3");
        Assert.Equal(length, new FileInfo(spooled).Length);
        Assert.Equal(await HashAsync(file), await HashAsync(spooled));
        output.WriteLine($"mediactl push: {length:N0} bytes in {elapsed.TotalSeconds:0.0} s including process start");

        var store = await Mediactl.RunAsync(fixture.Process, "store", "big/mediactl", "big/as-media", "--json");
        Assert.Equal(3, store.ExitCode);
        var error = Mediactl.Parse(store);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.Equal($"recording 'big/mediactl' has {length} bytes; at most {MediaUpload.MaxContentBytes} bytes can be stored as media",
            error.GetProperty("message").GetString());
        var info = await Mediactl.RunAsync(fixture.Process, "info", "big/as-media");
        Assert.True(info.ExitCode == 2, $"mediactl info exited {info.ExitCode}, not 2 (not found): {info.StdoutText} {info.Stderr}");
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return await SHA256.HashDataAsync(stream);
    }

    /// <summary>
    /// A silo whose recordings may be 256 MiB and 24 h long, and one MP3 of over 150 MiB made by
    /// repeating a lame-encoded minute (MP3 frames concatenate), deleted with the silo's data.
    /// </summary>
    public sealed class Silo : IAsyncLifetime
    {
        public const int MaxSeconds = 86_400;

        private readonly Lazy<Task<string>> _bigMp3;
        private SiloProcess? _process;

        public Silo() => _bigMp3 = new(CreateBigMp3Async);

        public SiloProcess Process => _process ?? throw new InvalidOperationException("silo not started");

        public Task<string> BigMp3Async() => _bigMp3.Value;

        public async Task InitializeAsync() => _process = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Media__Recordings__MaxBytes"] = $"{256L * 1024 * 1024}",
            ["Media__Recordings__MaxSeconds"] = $"{MaxSeconds}",
        });

        public async Task DisposeAsync()
        {
            if (_process is not null)
            {
                await _process.DisposeAsync();
                Directory.Delete(_process.DataPath, recursive: true);
            }

            if (_bigMp3.IsValueCreated && _bigMp3.Value.IsCompletedSuccessfully)
            {
                Directory.Delete(Path.GetDirectoryName(_bigMp3.Value.Result)!, recursive: true);
            }
        }

        private static async Task<string> CreateBigMp3Async()
        {
            Requirements.Tools("sox", "lame");
            var folder = Directory.CreateTempSubdirectory("mediaorleans-big-").FullName;
            var made = await ProcessRunner.BashAsync(
                $"""
                set -e
                cd '{folder}'
                sox -n -r 44100 -c 2 -b 16 -e signed-integer minute.wav synth 60 sine 440 sine 660 vol 0.5
                lame --quiet -t -b 320 minute.wav minute.mp3
                rm minute.wav
                while [ "$(stat -c %s big.mp3 2>/dev/null || echo 0)" -lt {MinimumBytes} ]; do cat minute.mp3 >> big.mp3; done
                rm minute.mp3
                """, TimeSpan.FromSeconds(120));
            Assert.True(made.ExitCode == 0, made.Stderr);
            return Path.Combine(folder, "big.mp3");
        }
    }

    // Progress<T> posts to the thread pool, so its reports could arrive out of order; these come in as made.
    private sealed class ReportsInOrder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }

    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
