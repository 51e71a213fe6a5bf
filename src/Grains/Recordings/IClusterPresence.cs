namespace MediaOrleans.Grains.Recordings;

/// <summary>
/// Which silo a recording's source connection is on, and whether that silo is still a live
/// member of the cluster. A recording found receiving by a new activation is only given up for
/// interrupted when the silo holding its source has left the cluster: while that silo is alive
/// its source may still be streaming.
/// </summary>
public interface IClusterPresence
{
    /// <summary>This silo's identity, as <see cref="IsActive"/> takes it (address and generation).</summary>
    string LocalSilo { get; }

    /// <summary>Whether <paramref name="silo"/> (a <see cref="LocalSilo"/> value) is an active member now.</summary>
    bool IsActive(string silo);
}
