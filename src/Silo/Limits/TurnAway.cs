using System.IO.Pipelines;

namespace MediaOrleans.Silo.Limits;

/// <summary>Answers a connection the listener will not serve, and closes it cleanly.</summary>
public static class TurnAway
{
    // Long enough for a client to read the answer and close; short enough that turned-away
    // connections cannot pile up.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends <paramref name="answer"/>, closes the sending side and reads (and drops) whatever
    /// the client still sends for a moment: closing with its request unread would reset the
    /// connection, and a reset can destroy the answer before the client reads it.
    /// </summary>
    public static async Task AnswerAndCloseAsync(IDuplexPipe transport, ReadOnlyMemory<byte> answer)
    {
        await transport.Output.WriteAsync(answer);
        await transport.Output.CompleteAsync();
        using var linger = new CancellationTokenSource(Linger);
        try
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync(linger.Token);
                transport.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client kept sending or stayed open: close now.
        }
    }
}
