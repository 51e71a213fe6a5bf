using MediaOrleans.Silo.Storage.CouchDb;

namespace MediaOrleans.Tests.Storage;

public sealed class CouchMediaNameTests
{
    private const string AccountId = "4a1b2c3d4e5f60718293a4b5c6d7e8f9";

    [Theory]
    [InlineData("vm-enter_pass", "system_media", null, "vm-enter_pass", null)]
    [InlineData("/vm-enter_pass", "system_media", null, "vm-enter_pass", null)]
    [InlineData("system_media/vm-enter_pass", "system_media", null, "vm-enter_pass", null)]
    [InlineData("/system_media/vm-enter_pass", "system_media", null, "vm-enter_pass", null)]
    [InlineData("prompts/welcome/welcome.mp3", "prompts", null, "welcome", "welcome.mp3")]
    [InlineData("prompts/welcome/sub/dir.wav", "prompts", null, "welcome", "sub/dir.wav")]
    [InlineData(AccountId + "/greeting", AccountId, "account/4a/1b/2c3d4e5f60718293a4b5c6d7e8f9", "greeting", null)]
    [InlineData("/" + AccountId + "/greeting/g.wav", AccountId, "account/4a/1b/2c3d4e5f60718293a4b5c6d7e8f9", "greeting", "g.wav")]
    public void Parse_KazooForms_NameDatabaseDocumentAndAttachment(string name, string database, string? account, string document, string? attachment)
    {
        Assert.Equal(new CouchMediaName(database, account, document, attachment), CouchMediaName.Parse(name, "system_media"));
    }

    [Fact]
    public void Parse_OneSegment_UsesTheConfiguredSystemDatabase()
    {
        Assert.Equal("prompts_global", CouchMediaName.Parse("beep", "prompts_global").Database);
    }

    [Theory]
    [InlineData("4A1B2C3D4E5F60718293A4B5C6D7E8F9")]
    [InlineData("4a1b2c3d4e5f60718293a4b5c6d7e8f")]
    [InlineData("4a1b2c3d4e5f60718293a4b5c6d7e8f90")]
    [InlineData("4a1b2c3d4e5f60718293a4b5c6d7e8fg")]
    [InlineData("system_media")]
    public void AccountDatabaseOf_NotA32HexId_IsNull(string segment)
    {
        Assert.Null(CouchMediaName.AccountDatabaseOf(segment));
    }

    [Fact]
    public void AccountDatabaseOf_SplitsTwoAndTwoCharactersOff()
    {
        Assert.Equal("account/4a/1b/2c3d4e5f60718293a4b5c6d7e8f9", CouchMediaName.AccountDatabaseOf(AccountId));
        Assert.Equal("account%2F4a%2F1b%2F2c3d4e5f60718293a4b5c6d7e8f9", Uri.EscapeDataString(CouchMediaName.AccountDatabaseOf(AccountId)!));
    }

    [Fact]
    public void DatabaseToCreate_PrefersTheAccountDatabase()
    {
        Assert.Equal("account/4a/1b/2c3d4e5f60718293a4b5c6d7e8f9", CouchMediaName.Parse(AccountId + "/x", "system_media").DatabaseToCreate);
        Assert.Equal("prompts", CouchMediaName.Parse("prompts/x", "system_media").DatabaseToCreate);
    }
}
