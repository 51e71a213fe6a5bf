namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A size-limited tmpfs mounted on a directory of the test's own, so a test can run a silo out of
/// disk space without touching the machine's disks. Unmounted (lazily, in case a process still
/// has a file open) on dispose. Needs root.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    private TmpfsMount(string path) => Path = path;

    /// <summary>Where the file system is mounted.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB on <paramref name="path"/> (created if missing).</summary>
    public static async Task<TmpfsMount> CreateAsync(string path, int megabytes)
    {
        Requirements.That(Environment.UserName == "root", "mounting a tmpfs needs root");
        Directory.CreateDirectory(path);
        var result = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path], CommandTimeout);
        Assert.True(result.ExitCode == 0, $"mounting a tmpfs on {path} failed ({result.ExitCode}): {result.Stderr}");
        return new TmpfsMount(path);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() =>
        await ProcessRunner.RunAsync("umount", ["-l", Path], CommandTimeout);
}
