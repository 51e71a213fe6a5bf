namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted for one test (a real disk that fills up: its writes fail with ENOSPC),
/// with a filler file the test grows and deletes. Mounting needs root; disposing always unmounts.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private TmpfsMount(string path) => Path = path;

    /// <summary>The mounted directory.</summary>
    public string Path { get; }

    /// <summary>Bytes still free on the mount.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    private string Filler => System.IO.Path.Combine(Path, "filler.bin");

    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> on <paramref name="path"/> (created), or on a new directory.</summary>
    public static async Task<TmpfsMount> MountAsync(long sizeBytes, string? path = null)
    {
        Requirements.That(Environment.IsPrivilegedProcess, "mounting a tmpfs needs root");
        Requirements.Tools("mount", "umount");
        path = path is null ? Directory.CreateTempSubdirectory("mediaorleans-tmpfs-").FullName : Directory.CreateDirectory(path).FullName;
        var mounted = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", path], Timeout);
        if (mounted.ExitCode != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"mount tmpfs on {path} failed ({mounted.ExitCode}): {mounted.Stderr}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Grows the filler file until only <paramref name="leaveBytes"/> (rounded to pages) stay free.</summary>
    public void FillLeaving(long leaveBytes) => Grow(FreeBytes - leaveBytes);

    /// <summary>Grows the filler file until the disk takes no byte more.</summary>
    public void FillUp() => Grow(long.MaxValue);

    /// <summary>Deletes the filler file: the disk has room again.</summary>
    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        var unmounted = await ProcessRunner.RunAsync("umount", [Path], Timeout);
        if (unmounted.ExitCode != 0)
        {
            // Something still holds a file there (a process that did not exit yet): detach it now,
            // the kernel frees it when the last file closes, so no mount outlives the test.
            await ProcessRunner.RunAsync("umount", ["-l", Path], Timeout);
        }

        Directory.Delete(Path);
    }

    private void Grow(long bytes)
    {
        var block = new byte[4096];
        using var filler = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        try
        {
            for (long written = 0; written < bytes; written += block.Length)
            {
                filler.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
            }
        }
        catch (IOException)
        {
            // Full: what fitted stays.
        }
    }
}
