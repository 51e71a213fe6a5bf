using MediaOrleans.Grains.Media;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Grains;

public sealed class MediaVersionsTests
{
    private readonly List<string> _dropped = [];

    private MediaVersions NewVersions() => new(entry => _dropped.Add(entry.Version));

    private static MediaVersion Version(string version) =>
        new(new MediaInfo("prompts/hello", version, "audio/wav", 100, DateTimeOffset.UnixEpoch, AudioFormat.Unknown));

    [Fact]
    public async Task CurrentAsync_ConcurrentCallers_DescribeOnce()
    {
        var versions = NewVersions();
        var described = 0;
        var answer = new TaskCompletionSource<MediaVersion?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<MediaVersion?> Describe()
        {
            described++;
            return answer.Task;
        }

        var first = versions.CurrentAsync(Describe);
        var second = versions.CurrentAsync(Describe);
        Assert.Null(versions.KnownCurrent);
        var v1 = Version("v1");
        answer.SetResult(v1);

        Assert.Same(v1, await first);
        Assert.Same(v1, await second);
        Assert.Same(v1, versions.KnownCurrent);
        Assert.Equal(1, described);
    }

    [Fact]
    public async Task CurrentAsync_StoreUnavailable_IsNotKept()
    {
        var versions = NewVersions();

        await Assert.ThrowsAsync<MediaStoreUnavailableException>(() =>
            versions.CurrentAsync(() => Task.FromException<MediaVersion?>(new MediaStoreUnavailableException("down"))));
        var v1 = Version("v1");

        Assert.Same(v1, await versions.CurrentAsync(() => Task.FromResult<MediaVersion?>(v1)));
    }

    [Fact]
    public async Task CurrentAsync_NoSuchItem_IsKept()
    {
        var versions = NewVersions();
        var described = 0;
        Task<MediaVersion?> Describe()
        {
            described++;
            return Task.FromResult<MediaVersion?>(null);
        }

        Assert.Null(await versions.CurrentAsync(Describe));
        Assert.Null(await versions.CurrentAsync(Describe));
        Assert.Equal(1, described);
    }

    [Fact]
    public void MakeCurrent_Replacing_KeepsThePreviousUnconfirmed()
    {
        var versions = NewVersions();
        var v1 = Version("v1");
        var v2 = Version("v2");

        versions.MakeCurrent(v1);
        versions.MakeCurrent(v2);

        Assert.Same(v2, versions.KnownCurrent);
        Assert.True(v2.Confirmed);
        Assert.Same(v1, versions.FindOlder("v1"));
        Assert.False(v1.Confirmed);
        Assert.Same(v1, versions.Find("v1"));
        Assert.Same(v2, versions.Find("v2"));
        Assert.Null(versions.FindOlder("v2"));
        Assert.Empty(_dropped);
    }

    [Fact]
    public void MakeCurrent_PastMaxOlder_DropsTheOldestFirst()
    {
        var versions = NewVersions();

        foreach (var version in new[] { "v1", "v2", "v3", "v4", "v5" })
        {
            versions.MakeCurrent(Version(version));
        }

        Assert.Equal(["v1", "v2"], _dropped);
        Assert.Equal(["v3", "v4", "v5"], versions.All.Select(v => v.Version));
        Assert.Equal(MediaVersions.MaxOlder, versions.All.Count() - 1);
    }

    [Fact]
    public void MakeCurrent_AnOlderVersionAgain_TakesItOutOfTheOlderOnesConfirmed()
    {
        var versions = NewVersions();
        var v1 = Version("v1");
        versions.MakeCurrent(v1);
        versions.MakeCurrent(Version("v2"));

        versions.MakeCurrent(v1);

        Assert.Same(v1, versions.KnownCurrent);
        Assert.True(v1.Confirmed);
        Assert.Null(versions.FindOlder("v1"));
        Assert.Equal(["v2", "v1"], versions.All.Select(v => v.Version));
    }

    [Fact]
    public void Confirm_StoreStillHasIt_KeepsItConfirmed()
    {
        var versions = NewVersions();
        var v1 = Version("v1");
        versions.MakeCurrent(v1);
        versions.MakeCurrent(Version("v2"));

        var confirmed = versions.Confirm("v1", v1.Info);

        Assert.Same(v1, confirmed);
        Assert.True(v1.Confirmed);
    }

    [Fact]
    public void Confirm_StoreNoLongerHasIt_DropsIt()
    {
        var versions = NewVersions();
        versions.MakeCurrent(Version("v1"));
        versions.MakeCurrent(Version("v2"));

        Assert.Null(versions.Confirm("v1", null));

        Assert.Null(versions.FindOlder("v1"));
        Assert.Equal(["v1"], _dropped);
        Assert.Null(versions.Confirm("v0", null));
        Assert.Equal(["v1"], _dropped);
    }

    [Fact]
    public void Confirm_VersionNotKept_AddsItWithinMaxOlder()
    {
        var versions = NewVersions();
        versions.MakeCurrent(Version("v3"));
        var older = Enumerable.Range(0, MediaVersions.MaxOlder + 1).Select(i => Version($"old{i}").Info).ToArray();

        foreach (var info in older)
        {
            Assert.Equal(info, versions.Confirm(info.Version, info)!.Info);
        }

        Assert.Equal(["old0"], _dropped);
        Assert.Equal(["old1", "old2", "v3"], versions.All.Select(v => v.Version));
    }

    [Fact]
    public void Clear_DropsEveryVersion()
    {
        var versions = NewVersions();
        versions.MakeCurrent(Version("v1"));
        versions.MakeCurrent(Version("v2"));

        versions.Clear();

        Assert.Null(versions.KnownCurrent);
        Assert.Empty(versions.All);
        Assert.Equal(["v1", "v2"], _dropped.Order());
    }
}
