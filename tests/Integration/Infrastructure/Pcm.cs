namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Expected decoded sizes of the MP3 fixtures.</summary>
public static class Pcm
{
    /// <summary>3 s of 8 kHz 16-bit mono.</summary>
    public const int MinBytes3s8k = 3 * 8000 * 2;

    /// <summary>The same plus LAME's encoder delay and end padding: at most three 576-sample frames.</summary>
    public const int MaxBytes3s8k = MinBytes3s8k + (3 * 576 * 2);
}
