namespace MediaOrleans.Silo.Storage;

/// <summary>The directory store answers when its root can be listed.</summary>
internal sealed class DirectoryStoreProbe(DataRoots roots) : IStoreProbe
{
    public Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(roots.Media).GetEnumerator();
            entries.MoveNext();
            return Task.FromResult<string?>(null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult<string?>("the media directory cannot be read");
        }
    }
}
