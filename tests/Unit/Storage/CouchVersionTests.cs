using CsCheck;
using MediaOrleans.Silo.Storage.CouchDb;

namespace MediaOrleans.Tests.Storage;

public sealed class CouchVersionTests
{
    [Fact]
    public void Format_CouchRevision_HasNoDashOrSlashAndGivesTheRevisionBack()
    {
        var version = CouchVersion.Format("3-6fd210ea17ef45dd9047a38dba612b6f", "hello.wav", "md5-4w/ZC9JMS4bTJFI7d0nBng==", "audio/wav");

        Assert.StartsWith("3.6fd210ea17ef45dd9047a38dba612b6f.", version, StringComparison.Ordinal);
        Assert.DoesNotContain('-', version);
        Assert.DoesNotContain('/', version);
        Assert.Equal("3-6fd210ea17ef45dd9047a38dba612b6f", CouchVersion.RevisionOf(version));
    }

    [Fact]
    public void Format_DiffersByAttachmentDigestAndContentType()
    {
        const string rev = "2-d078ba92343dba3d85b30d1a1f86972b";
        var versions = new[]
        {
            CouchVersion.Format(rev, "a.wav", "md5-AAAA", "audio/wav"),
            CouchVersion.Format(rev, "b.wav", "md5-AAAA", "audio/wav"),
            CouchVersion.Format(rev, "a.wav", "md5-BBBB", "audio/wav"),
            CouchVersion.Format(rev, "a.wav", "md5-AAAA", "audio/mpeg"),
        };

        Assert.Equal(versions.Length, versions.Distinct().Count());
    }

    [Fact]
    public void Format_AnyRevisionText_RoundTrips()
    {
        Gen.String.Where(rev => rev.Length > 0).Sample(rev =>
            CouchVersion.RevisionOf(CouchVersion.Format(rev, "a", "d", "audio/wav")) == rev
            && !CouchVersion.Format(rev, "a", "d", "audio/wav").Contains('-', StringComparison.Ordinal), iter: 20_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20a1b2c3d4e5f6a7b8c9")]
    [InlineData("3.abc")]
    [InlineData("3.abc.short")]
    [InlineData("x4g.123456789012")]
    public void RevisionOf_NotAVersionOfThisStore_IsNull(string version)
    {
        Assert.Null(CouchVersion.RevisionOf(version));
    }
}
