using MediaOrleans.Silo.Playback;

namespace MediaOrleans.Tests.Playback;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-99", 1000, 0, 100)]
    [InlineData("bytes=100-", 1000, 100, 900)]
    [InlineData("bytes=-100", 1000, 900, 100)]
    [InlineData("bytes=-5000", 1000, 0, 1000)]
    [InlineData("bytes=990-5000", 1000, 990, 10)]
    [InlineData("bytes=999-999", 1000, 999, 1)]
    [InlineData("BYTES= 5 - 9 ", 1000, 5, 5)]
    public void Parse_OneSatisfiableRange_IsThatRangeClippedToTheBody(string header, long length, long from, long count)
    {
        Assert.Equal(new ByteRange(from, count), ByteRange.Parse(header, length));
    }

    [Theory]
    [InlineData("bytes=1000-", 1000)]
    [InlineData("bytes=99999999-", 1000)]
    [InlineData("bytes=-0", 1000)]
    [InlineData("bytes=0-", 0)]
    public void Parse_NoByteOfTheRangeExists_IsUnsatisfiable(string header, long length)
    {
        Assert.True(ByteRange.Parse(header, length)!.Value.IsUnsatisfiable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-9")]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=9-0")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=-")]
    [InlineData("bytes=+1-2")]
    [InlineData("bytes=0x10-")]
    [InlineData("bytes=99999999999999999999-")]
    public void Parse_NoUsableSingleRange_IsTheWholeBody(string? header)
    {
        Assert.Null(ByteRange.Parse(header, 1000));
    }
}
