using System.Text;
using MediaOrleans.Silo.Configuration;
using MediaOrleans.Silo.Storage.CouchDb;

namespace MediaOrleans.Tests.Storage;

public sealed class CouchEndpointTests
{
    [Fact]
    public void From_CredentialsInUrl_MovesThemIntoBasicAuth()
    {
        var endpoint = CouchEndpoint.From(new CouchDbOptions { Url = "http://admin:p%40ss%3Aword@couch.example:5984/" });

        Assert.Equal(new Uri("http://couch.example:5984/"), endpoint.BaseAddress);
        Assert.Equal("Basic", endpoint.Authorization!.Scheme);
        Assert.Equal("admin:p@ss:word", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization.Parameter!)));
        Assert.Equal("http://couch.example:5984", endpoint.Display);
    }

    [Fact]
    public void From_SeparateCredentials_WinOverTheUrls()
    {
        var endpoint = CouchEndpoint.From(new CouchDbOptions { Url = "http://old:old@127.0.0.1:5984", Username = "new", Password = "secret" });

        Assert.Equal("new:secret", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization!.Parameter!)));
        Assert.Empty(endpoint.BaseAddress.UserInfo);
    }

    [Fact]
    public void From_NoCredentials_SendsNoAuthorization()
    {
        Assert.Null(CouchEndpoint.From(new CouchDbOptions { Url = "http://127.0.0.1:5984" }).Authorization);
    }

    [Theory]
    [InlineData("ftp://admin:hunter2@127.0.0.1:5984")]
    [InlineData("http://admin:hunter2@127.0.0.1:5984/system_media")]
    [InlineData("http://admin:hunter2@127.0.0.1:5984/?x=1")]
    public void Validation_BadUrl_NamesTheKeyButNeverThePassword(string url)
    {
        var validator = new SectionOptionsValidator<CouchDbOptions>(CouchDbOptions.Section);

        var result = validator.Validate(null, new CouchDbOptions { Url = url });

        Assert.True(result.Failed);
        Assert.Contains("Media:CouchDb:Url", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_MissingUrlOrBadDatabase_Fails()
    {
        var validator = new SectionOptionsValidator<CouchDbOptions>(CouchDbOptions.Section);
        var options = new CouchDbOptions { Url = "http://127.0.0.1:5984" };
        options.Databases.Add("Not_A_Db");

        Assert.True(validator.Validate(null, new CouchDbOptions()).Failed);
        Assert.Contains("Media:CouchDb:Databases", validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
        Assert.False(validator.Validate(null, new CouchDbOptions { Url = "http://u:p@127.0.0.1:5984/" }).Failed);
    }
}
