namespace MediaOrleans.Soak.Faults;

/// <summary>
/// Fills the file system holding a directory to its last byte with one file, and frees it again
/// when disposed. bench/soak.sh mounts a size-limited tmpfs on the silos' data directory, so the
/// shared spool runs out of space without touching the machine's own disks.
/// </summary>
public sealed class DiskFiller : IAsyncDisposable
{
    private const string FileName = "disk-filler";
    private readonly string _path;

    private DiskFiller(string path) => _path = path;

    /// <summary>
    /// Writes zeros into <paramref name="directory"/> until the file system refuses more. Refuses
    /// to start unless the directory is a tmpfs mount point: filling any other would fill a real disk.
    /// </summary>
    public static async Task<DiskFiller> FillAsync(string directory, CancellationToken cancel)
    {
        if (!IsTmpfsMountPoint(directory))
        {
            throw new InvalidOperationException($"disk-full needs a tmpfs mounted on {directory} (bench/soak.sh mounts one)");
        }

        var path = Path.Combine(directory, FileName);
        var filler = new DiskFiller(path);
        var block = new byte[1 << 20];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            // Large blocks first, then smaller ones, so the last free bytes are taken too.
            for (var size = block.Length; size >= 512; size /= 8)
            {
                while (true)
                {
                    try
                    {
                        await file.WriteAsync(block.AsMemory(0, size), cancel);
                    }
                    catch (IOException)
                    {
                        break;
                    }
                }
            }
        }
        catch
        {
            await filler.DisposeAsync();
            throw;
        }

        return filler;
    }

    /// <summary>Whether <paramref name="directory"/> is where a tmpfs is mounted (from /proc/self/mounts).</summary>
    public static bool IsTmpfsMountPoint(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return File.Exists("/proc/self/mounts") && File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Any(fields => fields.Length > 2 && fields[2] == "tmpfs" && fields[1].Replace("\\040", " ", StringComparison.Ordinal) == full);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }
}
