using MediaOrleans.Silo.Urls;

namespace MediaOrleans.Tests.Urls;

public sealed class MediaPathsTests
{
    [Theory]
    [InlineData("call-1")]
    [InlineData("a")]
    [InlineData("calls/2024/06/abc_def~1.2")]
    [InlineData("a b")]
    public void RecordingSource_Name_IsRecMountWithMp3Extension(string name)
    {
        Assert.Equal($"/rec/{name}.mp3", MediaPaths.RecordingSource(name));
    }

    [Theory]
    [InlineData("call-1")]
    [InlineData("a")]
    [InlineData("a.b")]
    [InlineData("calls/2024/06/abc_def~1.2")]
    [InlineData("x.mp3")]
    public void RecordingNameOf_MountOfValidName_RoundTrips(string name)
    {
        Assert.Equal(name, MediaPaths.RecordingNameOf(MediaPaths.RecordingSource(name)));
    }

    [Theory]
    [InlineData("/live/a.mp3")]
    [InlineData("/a.mp3")]
    [InlineData("rec/a.mp3")]
    [InlineData("/REC/a.mp3")]
    [InlineData("/recordings/a.mp3")]
    [InlineData("/m/v/1/s/a.mp3")]
    [InlineData("/rec/a.wav")]
    [InlineData("/rec/a.MP3")]
    [InlineData("/rec/a.mp3/")]
    [InlineData("/rec/a.mp3?x=1")]
    [InlineData("/rec/a")]
    [InlineData("/rec/")]
    [InlineData("/rec")]
    [InlineData("")]
    [InlineData("*")]
    public void RecordingNameOf_PathOutsideRecordingMounts_ReturnsNull(string path)
    {
        Assert.Null(MediaPaths.RecordingNameOf(path));
    }

    [Theory]
    [InlineData("/rec/.mp3")]
    [InlineData("/rec/..mp3")]
    [InlineData("/rec/../a.mp3")]
    [InlineData("/rec/a/../b.mp3")]
    [InlineData("/rec/../../etc/passwd.mp3")]
    [InlineData("/rec/..\\a.mp3")]
    [InlineData("/rec/.hidden.mp3")]
    [InlineData("/rec//a.mp3")]
    [InlineData("/rec/a/.mp3")]
    [InlineData("/rec/a b.mp3")]
    [InlineData("/rec/caf\u00E9.mp3")]
    [InlineData("/rec/a%20b.mp3")]
    [InlineData("/rec/a:b.mp3")]
    public void RecordingNameOf_InvalidName_ReturnsNull(string path)
    {
        Assert.Null(MediaPaths.RecordingNameOf(path));
    }
}
