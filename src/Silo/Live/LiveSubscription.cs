namespace MediaOrleans.Silo.Live;

/// <summary>One listener joined to a continuous stream; disposing it leaves the stream.</summary>
/// <param name="Mount">The stream.</param>
/// <param name="Listener">The listener's queue of frames.</param>
public sealed record LiveSubscription(LiveMount Mount, LiveListener Listener) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Mount.Leave(Listener);
        Listener.Dispose();
    }
}
