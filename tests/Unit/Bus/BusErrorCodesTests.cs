using MediaOrleans.Silo.Bus;
using MediaOrleans.Silo.Streams;

namespace MediaOrleans.Tests.Bus;

public sealed class BusErrorCodesTests
{
    [Fact]
    public void For_EveryRefusal_MapsToKazoosThreeCodes()
    {
        foreach (var refusal in Enum.GetValues<StreamRefusal>())
        {
            var expected = refusal switch
            {
                StreamRefusal.NotFound => "not_found",
                StreamRefusal.NoData => "no_data",
                _ => "other",
            };
            Assert.Equal(expected, BusErrorCodes.For(refusal));
        }
    }
}
