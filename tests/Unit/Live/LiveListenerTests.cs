using MediaOrleans.Silo.Live;
using MediaOrleans.Tests.Telemetry;

namespace MediaOrleans.Tests.Live;

/// <summary>A continuous stream's listener that cannot keep up.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class LiveListenerTests
{
    [Fact]
    public void AListenerWhoseQueueIsFull_IsDropped_AndCounted()
    {
        using var capture = new MetricCapture();
        using var listener = new LiveListener(capacityFrames: 2);

        Assert.True(listener.Offer(new byte[10]));
        Assert.True(listener.Offer(new byte[10]));
        Assert.False(listener.Offer(new byte[10]));

        Assert.True(listener.Dropped);
        Assert.Equal(1, capture.Sum("mediaorleans.live.dropped"));
    }
}
