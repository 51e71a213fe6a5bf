using MediaOrleans.IntegrationTests.Infrastructure;

namespace MediaOrleans.IntegrationTests.CouchDb;

/// <summary>
/// A silo that reaches pouchdb over a 32 MiB/s link (<see cref="ThrottledRelay"/>), like a
/// CouchDB on another machine, which a test can also make hold answers back part way.
/// </summary>
public sealed class ThrottledCouchDbFixture : CouchDbSiloFixture
{
    /// <summary>The link's rate in bytes per second.</summary>
    public const long LinkBytesPerSecond = 32L * 1024 * 1024;

    /// <summary>The link between the silo (and the test's direct fetches) and pouchdb.</summary>
    public ThrottledRelay Link { get; private set; } = null!;

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Link is not null)
        {
            await Link.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override string StoreUrl(PouchDbServer couch)
    {
        Link = ThrottledRelay.Start(couch.Port, LinkBytesPerSecond);
        return $"http://{PouchDbServer.User}:{PouchDbServer.Password}@127.0.0.1:{Link.Port}";
    }
}
