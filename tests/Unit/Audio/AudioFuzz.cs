using System.Diagnostics;
using CsCheck;
using MediaOrleans.Interfaces;

namespace MediaOrleans.Tests.Audio;

/// <summary>Random bytes and damaged copies of valid files, for inspectors that must refuse rather than fail.</summary>
internal static class AudioFuzz
{
    /// <summary>Random bytes, sometimes behind a plausible magic number.</summary>
    public static Gen<byte[]> RandomInput(byte[] magic) =>
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, 70_000])
            .Select((withMagic, bytes) => withMagic ? [.. magic, .. bytes] : bytes);

    /// <summary>One of <paramref name="valid"/> with a few bits flipped, a few bytes overwritten, and maybe cut short.</summary>
    public static Gen<byte[]> Mutated(params byte[][] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int.Array[0, 8], Gen.Int.Array[0, 3], Gen.Int[0, 120])
            .Select((index, flips, overwrites, keepPercent) =>
            {
                var bytes = (byte[])valid[index].Clone();
                foreach (var flip in flips)
                {
                    var bit = (int)((uint)flip % (uint)(bytes.Length * 8));
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                foreach (var overwrite in overwrites)
                {
                    bytes[(int)((uint)overwrite % (uint)bytes.Length)] = (byte)(overwrite >> 24);
                }

                return keepPercent >= 100 ? bytes : bytes[..(bytes.Length * keepPercent / 100)];
            });

    /// <summary>Runs <paramref name="inspect"/> on many inputs: it returns or refuses as invalid audio, quickly.</summary>
    public static void ReturnsOrRejects(Gen<byte[]> inputs, Func<byte[], AudioFormat> inspect, int iterations)
    {
        // CsCheck samples on several threads.
        var gate = new Lock();
        var slowest = TimeSpan.Zero;
        inputs.Sample(bytes =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var format = inspect(bytes);
                Assert.InRange(format.Channels, 1, 2);
                Assert.True(format.SampleRate > 0);
                Assert.True(format.DurationMs >= 0);
            }
            catch (MediaRejectedException error)
            {
                Assert.Equal(MediaRejection.InvalidAudio, error.Reason);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            lock (gate)
            {
                if (elapsed > slowest)
                {
                    slowest = elapsed;
                }
            }
        }, iter: iterations);

        // Generous: one inspection is microseconds; this only catches runaway scans.
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"slowest inspection took {slowest}");
    }
}
