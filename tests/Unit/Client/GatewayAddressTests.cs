using MediaOrleans.Client.Connection;

namespace MediaOrleans.Tests.Client;

public sealed class GatewayAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("silo-1.example:1", "silo-1.example", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Parse_HostAndPort(string text, string host, int port)
    {
        var gateway = GatewayAddress.Parse(text);

        Assert.Equal(new GatewayAddress(host, port), gateway);
        Assert.Equal(text, gateway.ToString());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:")]
    [InlineData(":30000")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:30000x")]
    [InlineData("host:-1")]
    [InlineData("::1:30000")]
    [InlineData("[]:30000")]
    public void Parse_NotHostAndPort_Throws(string text)
    {
        var error = Assert.Throws<FormatException>(() => GatewayAddress.Parse(text));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
