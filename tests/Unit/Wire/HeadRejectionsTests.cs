using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

public sealed class HeadRejectionsTests
{
    [Theory]
    [InlineData(HeadRejection.MalformedRequestLine, 400)]
    [InlineData(HeadRejection.MalformedHeader, 400)]
    [InlineData(HeadRejection.InvalidContentLength, 400)]
    [InlineData(HeadRejection.HeadTooLarge, 431)]
    [InlineData(HeadRejection.TooManyHeaders, 431)]
    [InlineData(HeadRejection.UnsupportedVersion, 505)]
    [InlineData(HeadRejection.MethodNotAllowed, 405)]
    [InlineData(HeadRejection.UnsupportedTransferEncoding, 501)]
    [InlineData(HeadRejection.HeadTimeout, 408)]
    public void StatusOf_EachRejection_MapsToItsStatus(HeadRejection rejection, int status)
    {
        Assert.Equal(status, rejection.StatusOf());
    }

    [Fact]
    public void StatusOf_EveryRejectionButNone_IsAClientOrServerError()
    {
        foreach (var rejection in Enum.GetValues<HeadRejection>().Where(r => r != HeadRejection.None))
        {
            Assert.InRange(rejection.StatusOf(), 400, 599);
        }
    }
}
