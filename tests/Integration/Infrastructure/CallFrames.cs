namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>
/// The MP3 frames of <see cref="AudioFiles.Call8kMp3Async"/> (what mod_shout records from an
/// 8 kHz call: MPEG-2.5 Layer III, 16 kbps, mono): 144 bytes and 72 ms each, headers
/// <c>FF E3 28 …</c>.
/// </summary>
public static class CallFrames
{
    /// <summary>Bytes in one frame.</summary>
    public const int Bytes = 144;

    /// <summary>Milliseconds of audio in one frame (576 samples at 8 kHz).</summary>
    public const int Milliseconds = 72;

    /// <summary>
    /// How many whole frames <paramref name="body"/> holds from its start, one after the other;
    /// 0 when it does not start on a frame header.
    /// </summary>
    public static int FromStart(ReadOnlySpan<byte> body)
    {
        var frames = 0;
        for (var position = 0; position + Bytes <= body.Length; position += Bytes)
        {
            if (body[position] != 0xFF || body[position + 1] != 0xE3 || body[position + 2] != 0x28)
            {
                break;
            }

            frames++;
        }

        return frames;
    }
}
