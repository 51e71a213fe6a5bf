using MediaOrleans.Silo.Bus;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Tests.Bus;

public sealed class KazooMediaNamesTests
{
    private static KazooMediaNames Names(string systemDatabase = "system_media") =>
        new(Options.Create(new BusOptions { SystemMediaDatabase = systemDatabase }));

    [Theory]
    [InlineData("vm-enter_pass")]
    [InlineData("/vm-enter_pass")]
    public void Candidates_SingleSegment_LiteralThenSystemMedia(string mediaName)
    {
        Assert.Equal(["vm-enter_pass", "system_media/vm-enter_pass"], Names().Candidates(mediaName));
    }

    [Fact]
    public void Candidates_SingleSegment_UsesConfiguredSystemDatabase()
    {
        Assert.Equal(["hold", "prompts_db/hold"], Names("prompts_db").Candidates("hold"));
    }

    [Theory]
    [InlineData("system_media/vm-enter_pass")]
    [InlineData("/system_media/vm-enter_pass")]
    public void Candidates_DbDoc_IsTheItemOfThatName(string mediaName)
    {
        Assert.Equal(["system_media/vm-enter_pass"], Names().Candidates(mediaName));
    }

    [Theory]
    [InlineData("/4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1/0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    [InlineData("4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1/0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    public void Candidates_AccountIdAndMediaId_IsTheItemUnderTheAccount(string mediaName)
    {
        Assert.Equal(["4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1/0a1b2c3d4e5f60718293a4b5c6d7e8f9"], Names().Candidates(mediaName));
    }

    [Theory]
    [InlineData("/account%2F4f%2F8a%2Fd4d3e5a1b2c3d4e5f6a7b8c9d0e1/greeting", "4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1/greeting")]
    [InlineData("account%2f4f%2f8a%2fd4d3e5a1b2c3d4e5f6a7b8c9d0e1-202401/msg-1", "4f8ad4d3e5a1b2c3d4e5f6a7b8c9d0e1-202401/msg-1")]
    public void Candidates_EncodedAccountDatabase_IsTheAccountId(string mediaName, string expected)
    {
        Assert.Equal([expected], Names().Candidates(mediaName));
    }

    [Theory]
    [InlineData("system_media/vm-enter_pass/vm-enter_pass.mp3")]
    [InlineData("/system_media/vm-enter_pass/vm-enter_pass.mp3")]
    public void Candidates_DbDocAttachment_AttachmentItemThenDocument(string mediaName)
    {
        Assert.Equal(["system_media/vm-enter_pass/vm-enter_pass.mp3", "system_media/vm-enter_pass"], Names().Candidates(mediaName));
    }

    [Fact]
    public void Candidates_FourSegments_OnlyTheLiteralName()
    {
        Assert.Equal(["prompts/en/us/welcome"], Names().Candidates("/prompts/en/us/welcome"));
    }

    [Fact]
    public void Candidates_OnlyOneLeadingSlashIsOptional()
    {
        // "/x" is two segments, the first one empty: no valid media name, so it is tried as it is.
        Assert.Equal(["/x"], Names().Candidates("//x"));
    }
}
