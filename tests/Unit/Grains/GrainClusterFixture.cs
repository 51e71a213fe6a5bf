using MediaOrleans.Grains.Audio;
using MediaOrleans.Grains.Media;
using MediaOrleans.Grains.Recordings;
using MediaOrleans.Grains.Storage;
using MediaOrleans.Silo.Clustering;
using MediaOrleans.Silo.Storage;
using MediaOrleans.Tests.Urls;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MediaOrleans.Tests.Grains;

/// <summary>
/// One in-process silo running the real grains over the directory store and the file spool in a
/// temporary directory, with a clock the tests move by hand and a disk the tests can fill
/// (<see cref="Disk"/>).
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    /// <summary>Small limits, so that tests reach them with a few kilobytes and a clock jump.</summary>
    public const int MaxSeconds = 600;

    public const int GraceSeconds = 5;

    public const long MaxBytes = 4096;

    // Longer than any clock jump of the other tests, which keep their sources quiet for minutes.
    public const int SourceLostSeconds = 3600;

    private InProcessTestCluster? _cluster;

    public string Root { get; } = Directory.CreateTempSubdirectory("mediaorleans-grains-").FullName;

    public string MediaRoot => Path.Combine(Root, "media");

    public string RecordingsRoot => Path.Combine(Root, "recordings");

    /// <summary>The spool the grains write, whose disk a test fills and frees per recording.</summary>
    public FullDiskSpool Disk { get; }

    public GrainClusterFixture() => Disk = new FullDiskSpool(new FileRecordingSpool(RecordingsRoot));

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(Time);
            host.Services.AddSingleton<IMediaStore>(new DirectoryMediaStore(MediaRoot, Time));
            host.Services.AddSingleton<IMediaCatalog>(new DirectoryMediaCatalog(MediaRoot));
            host.Services.AddSingleton<IRecordingSpool>(Disk);
            host.Services.AddSingleton<IClusterPresence, ClusterPresence>();
            host.Services.AddSingleton<TranscodeCache>();
            host.Services.AddSingleton<HeldContent>();
            host.Services.AddSingleton(Mp3Decoders.Create(Mp3DecoderKind.Auto));
            host.Services.Configure<RecordingOptions>(options =>
            {
                options.MaxSeconds = MaxSeconds;
                options.GraceSeconds = GraceSeconds;
                options.MaxBytes = MaxBytes;
                options.SourceLostSeconds = SourceLostSeconds;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
