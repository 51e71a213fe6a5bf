namespace MediaOrleans.Silo.Storage;

/// <summary>
/// Asks the media store, cheaply and without retries, whether it answers now: what readiness
/// reports. Media reads and writes keep their own retries and errors.
/// </summary>
public interface IStoreProbe
{
    /// <summary>Null when the store answered; otherwise a sentence saying why not, fit to show any caller (no address, no credentials).</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}
