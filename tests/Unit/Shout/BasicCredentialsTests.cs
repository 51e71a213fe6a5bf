using System.Text;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

public sealed class BasicCredentialsTests
{
    [Fact]
    public void Parse_LibshoutAuthorization_ReturnsUserAndPassword()
    {
        Assert.Equal(("source", "hackme"), BasicCredentials.Parse("Basic c291cmNlOmhhY2ttZQ=="));
    }

    [Theory]
    [InlineData("user:pa:ss", "user", "pa:ss")]
    [InlineData("user::", "user", ":")]
    [InlineData("user:", "user", "")]
    [InlineData(":secret", "", "secret")]
    [InlineData("us\u00E9r:p\u00E4ss w\u00F6rd", "us\u00E9r", "p\u00E4ss w\u00F6rd")]
    public void Parse_UserPassword_SplitsAtFirstColon(string credentials, string user, string password)
    {
        Assert.Equal((user, password), BasicCredentials.Parse(Basic(credentials)));
    }

    [Theory]
    [InlineData("basic ")]
    [InlineData("BASIC ")]
    [InlineData("Basic    ")]
    public void Parse_SchemeCaseAndExtraSpaces_Accepted(string prefix)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("source:hackme"));

        Assert.Equal(("source", "hackme"), BasicCredentials.Parse(prefix + encoded + " "));
    }

    [Theory]
    [InlineData("Basic !!!!")]
    [InlineData("Basic c291cmNlOmhhY2ttZQ=")]
    [InlineData("Basic c291cmNlOmhhY2ttZQ===")]
    [InlineData("Basic c291cmNl OmhhY2ttZQ%%")]
    [InlineData("Basic c291cmNlOmhhY2ttZQ")]
    public void Parse_BadBase64_ReturnsNull(string authorization)
    {
        Assert.Null(BasicCredentials.Parse(authorization));
    }

    [Theory]
    [InlineData("Bearer c291cmNlOmhhY2ttZQ==")]
    [InlineData("Digest username=\"source\"")]
    [InlineData("Basicc291cmNlOmhhY2ttZQ==")]
    [InlineData("c291cmNlOmhhY2ttZQ==")]
    [InlineData("Basic")]
    [InlineData("")]
    public void Parse_WrongScheme_ReturnsNull(string authorization)
    {
        Assert.Null(BasicCredentials.Parse(authorization));
    }

    [Theory]
    [InlineData("sourcehackme")]
    [InlineData("")]
    public void Parse_NoColon_ReturnsNull(string credentials)
    {
        Assert.Null(BasicCredentials.Parse(Basic(credentials)));
    }

    [Fact]
    public void Parse_Null_ReturnsNull()
    {
        Assert.Null(BasicCredentials.Parse(null));
    }

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
