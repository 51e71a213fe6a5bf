using CsCheck;
using MediaOrleans.Interfaces;
using MediaOrleans.Silo.Storage;

namespace MediaOrleans.Tests.Storage;

/// <summary>The mapping of names to item directories is one to one and never nests one item in another.</summary>
public sealed class DataPathsTests
{
    private const string Root = "/data/media";

    // Segments the earlier layout confused (suffixes, the store's own file names) beside random ones.
    private static readonly string[] Tricky =
        ["a", "a.media", "media", "x.mp3", "x.json", "meta.json", "record.json", "audio.mp3", "a.", "a..b", "~", "-", "0"];

    private static readonly Gen<string> Segment = Gen.OneOf(
        Gen.Int[0, Tricky.Length - 1].Select(i => Tricky[i]),
        Gen.Char["ABCXYZabcxyz0189._~-"].Array[1, 12].Select(chars => new string(chars)).Where(s => s[0] != '.'));

    private static readonly Gen<string> Name = Segment.Array[1, 5].Select(segments => string.Join('/', segments));

    [Fact]
    public void ItemDirectory_RoundTripsThroughNameOf()
    {
        Name.Sample(name =>
        {
            Assert.True(MediaName.IsValid(name));
            Assert.Equal(name, DataPaths.NameOf(Root, DataPaths.ItemDirectory(Root, name)));
        }, iter: 20_000);
    }

    [Fact]
    public void DistinctNames_HaveDistinctItemDirectories_NeitherInsideTheOther()
    {
        // Pairs that share a prefix are the interesting ones: derive the second from the first half the time.
        var pairs = Gen.Select(Name, Name, Gen.Bool).Select((first, other, extend) => (first, extend ? first + "/" + other : other));
        pairs.Sample((first, second) =>
        {
            Check(first, second);
            Check(first + ".media", first);
            Check(first + ".mp3/" + second, first);
            Check(first + ".json/" + second, first);
        }, iter: 20_000);

        static void Check(string one, string other)
        {
            if (one == other)
            {
                return;
            }

            var a = DataPaths.ItemDirectory(Root, one);
            var b = DataPaths.ItemDirectory(Root, other);
            Assert.NotEqual(a, b);
            Assert.False(b.StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{other} lies inside {one}: {b}");
            Assert.False(a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{one} lies inside {other}: {a}");
        }
    }

    [Theory]
    [InlineData("/data/media/a")]
    [InlineData("/data/media/a/meta.json")]
    [InlineData("/data/media/@item")]
    [InlineData("/data/media/.x/@item")]
    [InlineData("/data/other/a/@item")]
    public void NameOf_NotAnItemDirectory_IsNull(string path)
    {
        Assert.Null(DataPaths.NameOf(Root, path));
    }

    [Fact]
    public void ItemDirectory_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => DataPaths.ItemDirectory(Root, "a/../b"));
        Assert.Throws<ArgumentException>(() => DataPaths.ItemDirectory(Root, "a/@item"));
    }
}
