using MediaOrleans.Silo.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaOrleans.Silo.Health;

/// <summary>
/// Ready only while the recording spool takes bytes: a small probe file is written through to
/// the file system and removed, so a full or read-only disk shows before a recording is cut by it.
/// </summary>
internal sealed class SpoolHealthCheck(DataRoots roots) : IHealthCheck
{
    private static readonly byte[] Probe = new byte[4096];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(roots.Recordings, $".ready-{Guid.NewGuid():N}");
        try
        {
            // The spool's folder is made with the first recording; a silo that has had none is ready too.
            Directory.CreateDirectory(roots.Recordings);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                await file.WriteAsync(Probe, cancellationToken);
            }

            return HealthCheckResult.Healthy("the recording spool is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("the recording spool cannot be written (disk full or read-only?)");
        }
        finally
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing was made, or the next probe's own file shows the problem.
            }
        }
    }
}
