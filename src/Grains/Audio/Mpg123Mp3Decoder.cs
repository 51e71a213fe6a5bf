using System.Runtime.InteropServices;

namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Decodes with libmpg123, the library behind the <c>mpg123</c> command and FreeSWITCH's
/// mod_shout, so a recording plays back as the switch and <c>mpg123</c> hear it. The bytes are
/// fed from memory (<c>mpg123_open_feed</c>); libmpg123 itself skips ID3v2, ID3v1 and APE tags,
/// reads the Xing/Info frame and trims gaplessly (MPG123_GAPLESS, its default and the command's).
/// </summary>
public sealed class Mpg123Mp3Decoder : IMp3Decoder
{
    /// <summary>The configured and reported name.</summary>
    public const string DecoderName = "mpg123";

    // Calls that return neither audio nor a new format before the decoder is given up on. libmpg123
    // always either produces output or asks for more input, so this only bounds a broken library.
    private const int MaxCallsWithoutOutput = 1000;

    // mpg123_init must run once per process before any handle exists, and is not thread-safe.
    private static readonly Lazy<string?> LoadFailure = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The one instance: every decode uses its own native handle.</summary>
    public static Mpg123Mp3Decoder Instance { get; } = new();

    /// <summary>
    /// Null when libmpg123 loaded and initialised in this process; otherwise why not (for example
    /// "libmpg123.so.0: cannot open shared object file").
    /// </summary>
    public static string? UnavailableReason => LoadFailure.Value;

    /// <inheritdoc />
    public string Name => DecoderName;

    /// <summary>Decodes all of <paramref name="mp3"/>, however long (for input already bounded).</summary>
    public PcmAudio Decode(byte[] mp3) => Decode(mp3, Array.MaxLength);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">libmpg123 could not be loaded (see <see cref="UnavailableReason"/>).</exception>
    public unsafe PcmAudio Decode(byte[] mp3, int maxSamples)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"libmpg123 is not available: {reason}");
        }

        using var handle = Mpg123Native.New(0, out var error);
        if (handle.IsInvalid)
        {
            throw new InvalidOperationException($"mpg123_new failed: {Text(Mpg123Native.PlainError(error))}");
        }

        // QUIET: a damaged frame is the caller's to report, not a line on the silo's stderr.
        Check(handle, Mpg123Native.Param(handle, Mpg123Native.AddFlags, new CLong(Mpg123Native.FlagGapless | Mpg123Native.FlagQuiet), 0));
        // Float output at whatever rate and channel count the stream has: libmpg123 then picks the
        // stream's own, and neither resamples nor mixes.
        Check(handle, Mpg123Native.FormatNone(handle));
        foreach (var rate in SupportedRates())
        {
            Check(handle, Mpg123Native.Format(handle, new CLong((nint)rate), Mpg123Native.Mono | Mpg123Native.Stereo, Mpg123Native.EncodingFloat32));
        }

        Check(handle, Mpg123Native.OpenFeed(handle));
        if (mp3.Length > 0)
        {
            // libmpg123 copies what it is fed into its own buffers.
            fixed (byte* input = mp3)
            {
                Check(handle, Mpg123Native.Feed(handle, input, (nuint)mp3.Length));
            }
        }

        return DecodeFed(handle, mp3.Length, maxSamples);
    }

    private static unsafe PcmAudio DecodeFed(Mpg123Handle handle, int inputBytes, int maxSamples)
    {
        // About 6 samples per byte at common bitrates; grown by doubling past that, never past the bound.
        var samples = new float[Math.Min(Math.Max(16 * 1152, (long)inputBytes * 6), (long)maxSamples + 2 * 1152)];
        var count = 0;
        (int Rate, int Channels)? format = null;
        var idle = 0;
        while (true)
        {
            if (count > maxSamples)
            {
                throw new InvalidDataException($"the stream decodes to more than {maxSamples} samples");
            }

            if (samples.Length - count < 2 * 1152)
            {
                Array.Resize(ref samples, (int)Math.Min((long)samples.Length * 2, (long)maxSamples + 2 * 1152));
            }

            int result;
            nuint done;
            fixed (float* output = &samples[count])
            {
                result = Mpg123Native.Decode(handle, null, 0, output, (nuint)(samples.Length - count) * sizeof(float), out done);
            }

            count += (int)(done / sizeof(float));
            idle = done > 0 ? 0 : idle + 1;
            switch (result)
            {
                case Mpg123Native.Ok when idle < MaxCallsWithoutOutput:
                    break;
                case Mpg123Native.NewFormat when idle < MaxCallsWithoutOutput:
                    format = OnNewFormat(handle, format);
                    break;
                case Mpg123Native.NeedMore or Mpg123Native.Done:
                    // All input consumed, or the end the Info frame announced was reached.
                    if (format is not { } found)
                    {
                        throw new InvalidDataException("no MPEG audio frame found");
                    }

                    return new PcmAudio(samples.AsSpan(0, count - (count % found.Channels)).ToArray(), found.Rate, found.Channels);
                case Mpg123Native.Ok or Mpg123Native.NewFormat:
                    throw new InvalidDataException($"libmpg123 made no progress in {MaxCallsWithoutOutput} calls");
                default:
                    throw new InvalidDataException($"libmpg123 could not decode the stream: {Text(Mpg123Native.Error(handle))}");
            }
        }
    }

    // The first format is the stream's; it is then pinned, so a stream whose later frames change
    // rate or mode (two MP3s concatenated) is converted to it by libmpg123 instead of coming out
    // as samples of another rate inside the same array.
    private static (int Rate, int Channels) OnNewFormat(Mpg123Handle handle, (int Rate, int Channels)? pinned)
    {
        Check(handle, Mpg123Native.GetFormat(handle, out var rate, out var channels, out var encoding));
        var format = ((int)rate.Value, channels);
        if (encoding != Mpg123Native.EncodingFloat32 || (pinned is { } first && first != format))
        {
            throw new InvalidDataException($"libmpg123 changed its output to {rate.Value} Hz, {channels} channels, encoding 0x{encoding:x}");
        }

        if (pinned is null)
        {
            Check(handle, Mpg123Native.FormatNone(handle));
            Check(handle, Mpg123Native.Format(handle, rate, channels == 1 ? Mpg123Native.Mono : Mpg123Native.Stereo, Mpg123Native.EncodingFloat32));
        }

        return format;
    }

    private static unsafe long[] SupportedRates()
    {
        Mpg123Native.Rates(out var list, out var count);
        var rates = new long[(int)count];
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = list[i].Value;
        }

        return rates;
    }

    private static void Check(Mpg123Handle handle, int result)
    {
        if (result != Mpg123Native.Ok)
        {
            throw new InvalidOperationException($"libmpg123: {Text(Mpg123Native.Error(handle))}");
        }
    }

    private static string Text(nint message) => Marshal.PtrToStringUTF8(message) ?? "unknown error";

    private static string? Load()
    {
        try
        {
            var result = Mpg123Native.Init();
            return result == Mpg123Native.Ok ? null : $"mpg123_init failed: {Text(Mpg123Native.PlainError(result))}";
        }
        catch (DllNotFoundException ex)
        {
            return ex.Message;
        }
        catch (EntryPointNotFoundException ex)
        {
            return ex.Message;
        }
        catch (BadImageFormatException ex)
        {
            return ex.Message;
        }
    }
}
