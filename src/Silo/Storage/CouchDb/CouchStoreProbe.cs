namespace MediaOrleans.Silo.Storage.CouchDb;

/// <summary>CouchDB answers when its server root does, with this silo's credentials accepted.</summary>
internal sealed class CouchStoreProbe(CouchClient client) : IStoreProbe
{
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken) =>
        await client.PingAsync(cancellationToken) switch
        {
            null => null,
            { } status => $"CouchDB {status}",
        };
}
