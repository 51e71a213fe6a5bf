using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Naming;

public sealed class UrlRefusalsTests
{
    [Fact]
    public void Code_EveryRefusal_HasItsOwnSnakeCaseCode()
    {
        var codes = Enum.GetValues<UrlRefusal>().Select(refusal => refusal.Code()).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]+(_[a-z]+)*$", code));
        Assert.Equal("not_found", UrlRefusal.NotFound.Code());
        Assert.Equal("format_unavailable", UrlRefusal.FormatUnavailable.Code());
    }
}
