namespace MediaOrleans.Grains.Storage;

/// <summary>Appends received bytes to a recording's spool; each append reaches the OS before it returns.</summary>
public interface IRecordingSpoolWriter : IAsyncDisposable
{
    /// <summary>Bytes in the spool.</summary>
    long Length { get; }

    /// <summary>Appends <paramref name="data"/> and hands it to the operating system.</summary>
    ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cuts the spool back to <paramref name="length"/> bytes: an append that failed (a full disk)
    /// may have written part of its data before it threw.
    /// </summary>
    void Truncate(long length);
}
