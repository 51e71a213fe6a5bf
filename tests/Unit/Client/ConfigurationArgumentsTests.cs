using MediaOrleans.Cli.Parsing;

namespace MediaOrleans.Tests.Client;

public sealed class ConfigurationArgumentsTests
{
    [Fact]
    public void Split_KeysWithEqualsOrSpace_AnywhereAmongArguments()
    {
        var split = ConfigurationArguments.Split(
        [
            "--Orleans:Clustering:ConnectionString=Host=db;Username=u;Password=a=b", "ls", "prompts/",
            "--Orleans:ClusterId", "c1", "--json", "--gateway", "h:1",
        ]);

        Assert.Equal("Host=db;Username=u;Password=a=b", split.Settings["Orleans:Clustering:ConnectionString"]);
        Assert.Equal("c1", split.Settings["Orleans:ClusterId"]);
        Assert.Equal(["ls", "prompts/", "--json", "--gateway", "h:1"], split.Remaining);
    }

    [Fact]
    public void Split_AfterDoubleDash_NothingIsTakenAsAKey()
    {
        var split = ConfigurationArguments.Split(["info", "--", "--Orleans:ClusterId=x"]);

        Assert.Empty(split.Settings);
        Assert.Equal(["info", "--", "--Orleans:ClusterId=x"], split.Remaining);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--gateway=h:1")]
    [InlineData("--:x=1")]
    [InlineData("--x:=1")]
    [InlineData("-g")]
    [InlineData("Orleans:ClusterId=x")]
    public void Split_NotAKey_IsLeftForTheCommandLine(string argument)
    {
        var split = ConfigurationArguments.Split([argument]);

        Assert.Empty(split.Settings);
        Assert.Equal([argument], split.Remaining);
    }

    [Fact]
    public void Split_KeyWithoutValue_Throws()
    {
        var error = Assert.Throws<FormatException>(() => ConfigurationArguments.Split(["ls", "--Orleans:ClusterId"]));

        Assert.Contains("--Orleans:ClusterId=value", error.Message, StringComparison.Ordinal);
    }
}
