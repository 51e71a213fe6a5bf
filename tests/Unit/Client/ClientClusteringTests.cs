using MediaOrleans.Client;
using MediaOrleans.Client.Connection;
using Microsoft.Extensions.Configuration;

namespace MediaOrleans.Tests.Client;

public sealed class ClientClusteringTests
{
    [Fact]
    public void From_NothingSet_IsTheEmbeddedSiloOnThisMachine()
    {
        var clustering = ClientClustering.From(new MediaClientOptions());

        Assert.Equal(ClusteringKind.StaticGateways, clustering.Kind);
        Assert.Equal([new GatewayAddress("127.0.0.1", 30000)], clustering.Gateways);
        Assert.Equal(("mediaorleans", "mediaorleans"), (clustering.ClusterId, clustering.ServiceId));
        Assert.Equal("gateway 127.0.0.1:30000 (cluster 'mediaorleans')", clustering.Describe());
    }

    [Fact]
    public void From_OrleansKeys_ChoosePostgresMembershipAndIdentity()
    {
        var clustering = ClientClustering.From(new MediaClientOptions
        {
            Configuration = Configuration(("Orleans:Clustering:ProviderType", "AdoNet"), ("Orleans:Clustering:Invariant", "Npgsql"),
                ("Orleans:Clustering:ConnectionString", "Host=db;Port=5433;Database=media;Username=u;Password=secret"),
                ("Orleans:ClusterId", "prod"), ("Orleans:ServiceId", "media")),
        });

        Assert.Equal(ClusteringKind.AdoNetPostgres, clustering.Kind);
        Assert.Equal(("prod", "media"), (clustering.ClusterId, clustering.ServiceId));
        Assert.Equal("the gateways listed in PostgreSQL at db:5433, database 'media' (cluster 'prod')", clustering.Describe());
        Assert.DoesNotContain("secret", clustering.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_Gateways_WinOverClusteringKeys_AndIdsOverConfiguration()
    {
        var options = new MediaClientOptions
        {
            Configuration = Configuration(("Orleans:Clustering:ProviderType", "AdoNet"), ("Orleans:ClusterId", "from-config")),
            ClusterId = "explicit",
        };
        options.Gateways.Add("silo-a:30000");
        options.Gateways.Add("[::1]:30010");

        var clustering = ClientClustering.From(options);

        Assert.Equal(ClusteringKind.StaticGateways, clustering.Kind);
        Assert.Equal([new GatewayAddress("silo-a", 30000), new GatewayAddress("::1", 30010)], clustering.Gateways);
        Assert.Equal("explicit", clustering.ClusterId);
        Assert.Equal("gateways silo-a:30000, [::1]:30010 (cluster 'explicit')", clustering.Describe());
    }

    [Theory]
    [InlineData("Consul", "Npgsql", "Host=db", "Orleans:Clustering:ProviderType = 'Consul' is not supported")]
    [InlineData("AdoNet", "System.Data.SqlClient", "Host=db", "Orleans:Clustering:Invariant = 'System.Data.SqlClient' is not supported")]
    [InlineData("AdoNet", "Npgsql", "", "Orleans:Clustering:ConnectionString is required")]
    public void From_UnusableClusteringKeys_NameTheKey(string provider, string invariant, string connectionString, string expected)
    {
        var options = new MediaClientOptions
        {
            Configuration = Configuration(("Orleans:Clustering:ProviderType", provider), ("Orleans:Clustering:Invariant", invariant),
                ("Orleans:Clustering:ConnectionString", connectionString)),
        };

        var error = Assert.Throws<ArgumentException>(() => ClientClustering.From(options));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90L * 1024 * 1024 + 1)]
    public void From_UploadLimitOutsideOneMessage_IsRefused(long maxUploadBytes)
    {
        var error = Assert.Throws<ArgumentException>(() => ClientClustering.From(new MediaClientOptions { MaxUploadBytes = maxUploadBytes }));

        Assert.Contains("MaxUploadBytes", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();
}
