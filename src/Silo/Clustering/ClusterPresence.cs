using MediaOrleans.Grains.Recordings;

namespace MediaOrleans.Silo.Clustering;

/// <summary>
/// Orleans' membership view of silos, for recording grains: a silo is named by its address with
/// its generation, so a silo restarted on the same address is a different silo.
/// </summary>
public sealed class ClusterPresence(ILocalSiloDetails local, IClusterMembershipService membership) : IClusterPresence
{
    /// <inheritdoc />
    public string LocalSilo => local.SiloAddress.ToParsableString();

    /// <inheritdoc />
    public bool IsActive(string silo) =>
        membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) == SiloStatus.Active;
}
