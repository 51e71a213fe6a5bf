using Orleans.Concurrency;

namespace MediaOrleans.Grains.Media;

/// <summary>
/// A grain holding media bytes that <see cref="HeldContent"/> may ask to let a version go, when
/// the silo's budget is needed for content used more recently. Silo-internal: not for clients.
/// </summary>
public interface IHeldContentOwner : IGrainWithStringKey
{
    /// <summary>Drops the bytes of <paramref name="version"/> (readers already reading finish first).</summary>
    [OneWay]
    Task ReleaseContentAsync(string version);
}
