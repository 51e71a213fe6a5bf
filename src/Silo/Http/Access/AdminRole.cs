namespace MediaOrleans.Silo.Http.Access;

/// <summary>
/// What an admin API caller may do. Each role includes the ones below it, so a route names the
/// weakest role that may call it.
/// </summary>
public enum AdminRole
{
    /// <summary>Reads media, recordings (without review URLs) and silo status; asks for playback URLs.</summary>
    Reader = 1,

    /// <summary>Reader, plus uploads, deletes, allocates and stores recordings, and gets review URLs.</summary>
    Writer = 2,

    /// <summary>Everything the admin API offers.</summary>
    Admin = 3,
}
