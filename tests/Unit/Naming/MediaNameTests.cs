using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Naming;

public sealed class MediaNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("welcome")]
    [InlineData("Welcome-1_en~v2.final")]
    [InlineData("prompts/en/welcome")]
    [InlineData("a.b")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("-")]
    [InlineData("~")]
    [InlineData("0")]
    [InlineData("calls/2024/06/01/abc")]
    public void IsValid_ConservativeName_Accepted(string name)
    {
        Assert.True(MediaName.IsValid(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a/.hidden")]
    [InlineData("a/../b")]
    [InlineData("../a")]
    [InlineData("a/..")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("/")]
    [InlineData("a b")]
    [InlineData(" a")]
    [InlineData("a\t")]
    [InlineData("a\nb")]
    [InlineData("a\u0000")]
    [InlineData("caf\u00E9")]
    [InlineData("\u0661\u0662")]
    [InlineData("\uFF21")]
    [InlineData("\U0001F600")]
    [InlineData("a\\b")]
    [InlineData("a:b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a%20b")]
    [InlineData("a+b")]
    [InlineData("a@b")]
    [InlineData("a*b")]
    public void IsValid_UnsafeName_Refused(string name)
    {
        Assert.False(MediaName.IsValid(name));
    }

    [Fact]
    public void IsValid_Null_Refused()
    {
        Assert.False(MediaName.IsValid(null));
    }

    [Fact]
    public void IsValid_NameOfMaxLength_Accepted()
    {
        var name = new string('a', MediaName.MaxSegmentLength) + "/" + new string('b', MediaName.MaxLength - MediaName.MaxSegmentLength - 1);

        Assert.Equal(MediaName.MaxLength, name.Length);
        Assert.True(MediaName.IsValid(name));
    }

    [Fact]
    public void IsValid_NameOneOverMaxLength_Refused()
    {
        var name = new string('a', MediaName.MaxSegmentLength) + "/" + new string('b', MediaName.MaxLength - MediaName.MaxSegmentLength);

        Assert.Equal(MediaName.MaxLength + 1, name.Length);
        Assert.False(MediaName.IsValid(name));
    }

    [Fact]
    public void IsValid_SegmentOfMaxSegmentLength_Accepted()
    {
        Assert.True(MediaName.IsValid(new string('s', MediaName.MaxSegmentLength)));
    }

    [Fact]
    public void IsValid_SegmentOneOverMaxSegmentLength_Refused()
    {
        Assert.False(MediaName.IsValid(new string('s', MediaName.MaxSegmentLength + 1)));
        Assert.False(MediaName.IsValid("ok/" + new string('s', MediaName.MaxSegmentLength + 1)));
    }
}
