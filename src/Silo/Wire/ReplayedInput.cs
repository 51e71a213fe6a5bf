using System.Buffers;
using System.IO.Pipelines;

namespace MediaOrleans.Silo.Wire;

/// <summary>
/// Hands a connection to Kestrel's HTTP pipeline after bytes of it were already examined: the
/// examined bytes go first into a fresh pipe and the rest of the input is copied behind them.
/// Only needed when a request head arrived in pieces and turned out not to be playback.
/// </summary>
internal sealed class ReplayedInput(PipeReader input, PipeWriter output) : IDuplexPipe
{
    private readonly Pipe _pipe = new();

    /// <inheritdoc />
    public PipeReader Input => _pipe.Reader;

    /// <inheritdoc />
    public PipeWriter Output => output;

    /// <summary>Starts replaying <paramref name="examined"/> followed by everything still to come.</summary>
    public IDuplexPipe Start(ReadOnlySequence<byte> examined)
    {
        foreach (var segment in examined)
        {
            _pipe.Writer.Write(segment.Span);
        }

        input.AdvanceTo(examined.End);
        _ = CopyRestAsync();
        return this;
    }

    private async Task CopyRestAsync()
    {
        try
        {
            await _pipe.Writer.FlushAsync();
            await input.CopyToAsync(_pipe.Writer);
            await _pipe.Writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await _pipe.Writer.CompleteAsync(ex);
        }
    }
}
