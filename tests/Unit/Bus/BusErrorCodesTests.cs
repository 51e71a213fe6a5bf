using MediaOrleans.Silo.Bus;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Bus;

public sealed class BusErrorCodesTests
{
    [Fact]
    public void For_EveryRefusal_MapsToKazoosThreeCodes()
    {
        foreach (var refusal in Enum.GetValues<UrlRefusal>())
        {
            var expected = refusal switch
            {
                UrlRefusal.NotFound => "not_found",
                UrlRefusal.NoData => "no_data",
                _ => "other",
            };
            Assert.Equal(expected, BusErrorCodes.For(refusal));
        }
    }
}
