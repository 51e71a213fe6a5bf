using MediaOrleans.Cli.Import;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Client;

public sealed class MediaNameFromPathTests
{
    [Theory]
    [InlineData("greeting.wav", "", "greeting")]
    [InlineData("greeting.MP3", "", "greeting")]
    [InlineData("prompts/en/vm-enter_pass.wav", "", "prompts/en/vm-enter_pass")]
    [InlineData("prompts/en us/vm enter pass.wav", "", "prompts/en_us/vm_enter_pass")]
    [InlineData("Müsik/hold (1).mp3", "", "M_sik/hold__1_")]
    [InlineData("a/b.c.wav", "", "a/b.c")]
    [InlineData("~tmp/x-1.wav", "", "~tmp/x-1")]
    [InlineData(".config/x.wav", "", "_config/x")]
    [InlineData("greeting.wav", "system_media", "system_media/greeting")]
    [InlineData("en/greeting.wav", "acct/1/media", "acct/1/media/en/greeting")]
    public void Derive_MapsRelativePathToAValidName(string relativePath, string prefix, string expected)
    {
        var name = MediaNameFromPath.Derive(relativePath, prefix, out var why);

        Assert.Equal(expected, name);
        Assert.Null(why);
        Assert.True(MediaName.IsValid(name));
    }

    [Fact]
    public void Derive_NameOverTheLengthLimit_IsReportedNotTruncated()
    {
        var relative = string.Join('/', Enumerable.Repeat(new string('a', 100), 3)) + ".wav";

        var name = MediaNameFromPath.Derive(relative, string.Empty, out var why);

        Assert.Null(name);
        Assert.Contains($"longer than {MediaName.MaxLength}", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_SegmentOverTheLimit_IsReported()
    {
        var name = MediaNameFromPath.Derive(new string('b', MediaName.MaxSegmentLength + 1) + ".mp3", string.Empty, out var why);

        Assert.Null(name);
        Assert.NotNull(why);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("system_media", "system_media")]
    [InlineData("system_media/", "system_media")]
    [InlineData("/acct/1/", "acct/1")]
    public void NormalizePrefix_ValidPrefix_IsTrimmed(string? prefix, string expected)
    {
        Assert.Equal(expected, MediaNameFromPath.NormalizePrefix(prefix));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a//b")]
    [InlineData(".hidden")]
    public void NormalizePrefix_InvalidPrefix_Throws(string prefix)
    {
        var error = Assert.Throws<FormatException>(() => MediaNameFromPath.NormalizePrefix(prefix));

        Assert.Contains(prefix, error.Message, StringComparison.Ordinal);
    }
}
