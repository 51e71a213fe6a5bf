using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

/// <summary>Asserts that a grain call fails with a <see cref="MediaRejectedException"/> of one reason.</summary>
internal static class RejectionAssert
{
    public static async Task<MediaRejectedException> ThrowsAsync(MediaRejection reason, Func<Task> call)
    {
        var rejected = await Assert.ThrowsAsync<MediaRejectedException>(call);
        Assert.Equal(reason, rejected.Reason);
        return rejected;
    }
}
