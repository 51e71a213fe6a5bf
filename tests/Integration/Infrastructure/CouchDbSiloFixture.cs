namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// One pouchdb-server and one silo using it as its CouchDB media store, shared by the tests of a
/// class. The silo gets the credentials in the URL; its output must never show the password.
/// </summary>
public class CouchDbSiloFixture : IAsyncLifetime
{
    private PouchDbServer? _couch;
    private SiloProcess? _silo;

    /// <summary>The store.</summary>
    public PouchDbServer Couch => _couch ?? throw new InvalidOperationException("pouchdb-server not started");

    /// <summary>The silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("silo not started");

    /// <summary>An admin API client for the silo.</summary>
    public MediaApi Api { get; private set; } = null!;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _couch = await PouchDbServer.StartAsync();
        await _couch.CreateDatabaseAsync("system_media");
        var settings = new Dictionary<string, string>
        {
            ["Media__Store__Kind"] = "CouchDb",
            ["Media__CouchDb__Url"] = StoreUrl(_couch),
            // Short waits keep the outage tests quick; production defaults are documented in the README.
            ["Media__CouchDb__ChangesMaxBackoffSeconds"] = "1",
            ["Media__CouchDb__RequestTimeoutSeconds"] = "5",
            ["Media__CouchDb__MaxRetries"] = "2",
            ["Media__Recordings__StoreRetryFirstSeconds"] = "1",
            ["Media__Recordings__StoreRetryMaxSeconds"] = "1",
        };
        _silo = await SiloProcess.StartAsync(settings);
        Api = new MediaApi(_silo.HttpBase);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_couch is not null)
        {
            await _couch.DisposeAsync();
        }
    }

    /// <summary>The CouchDB URL the silo is given.</summary>
    protected virtual string StoreUrl(PouchDbServer couch) => couch.UrlWithCredentials;
}
