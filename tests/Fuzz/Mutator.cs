using System.Text;

namespace MediaOrleans.Fuzz;

/// <summary>Byte- and text-level mutations shared by the families: flips, cuts, repeats and hostile tokens.</summary>
public static class Mutator
{
    /// <summary>Tokens known to trip parsers: traversal encodings, separators, overlong numbers, control bytes.</summary>
    public static readonly string[] Tokens =
    [
        "../", "..%2f", "%2e%2e/", "%2e%2e%2f", "..\\", "%252e%252e/", "..;/", "%c0%ae%c0%ae/", "%00", "\0", "\r\n", "\n", "\r",
        "\r\n\r\n", " ", "\t", "%", "%zz", "?", "#", "//", "/./", "~", "@", ":", ";", ",", "\"", "'", "{", "}", "[", "]",
        "-1", "0", "00000000000000000000001", "4294967296", "9223372036854775808", "-9223372036854775809", "1e309", "NaN",
        "chunked", "Transfer-Encoding: chunked\r\n", "Content-Length: 0\r\n", "Content-Length: 5\r\nContent-Length: 6\r\n",
        "Expect: 100-continue\r\n", "Connection: close\r\n", "Host: \r\n", "\u00e9", "\ud83d\ude00", "\u202e", "\uffff",
        new string('A', 300), new string('/', 200), new string('%', 100),
    ];

    /// <summary>One to <paramref name="maxSteps"/> mutations of <paramref name="input"/>.</summary>
    public static byte[] Mutate(Random random, ReadOnlySpan<byte> input, int maxSteps = 4)
    {
        var bytes = new List<byte>(input.ToArray());
        var steps = random.Next(1, maxSteps + 1);
        for (var i = 0; i < steps; i++)
        {
            MutateOnce(random, bytes);
        }

        return [.. bytes];
    }

    /// <summary>One to <paramref name="maxSteps"/> mutations of <paramref name="text"/> (as UTF-8).</summary>
    public static string Mutate(Random random, string text, int maxSteps = 3) =>
        Encoding.UTF8.GetString(Mutate(random, Encoding.UTF8.GetBytes(text), maxSteps));

    /// <summary>A random pick of <paramref name="choices"/>.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private static void MutateOnce(Random random, List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
        switch (random.Next(9))
        {
            case 0 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                break;
            case 2 when bytes.Count > at:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at));
                break;
            case 3:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, Tokens)));
                break;
            case 4 when bytes.Count > at:
                // Repeat a run: duplicated headers, lengths, frames.
                var run = bytes.GetRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                var times = random.Next(1, random.Next(2) == 0 ? 4 : 200);
                for (var t = 0; t < times; t++)
                {
                    bytes.InsertRange(at, run);
                }

                break;
            case 5:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 6:
                var noise = new byte[random.Next(1, 32)];
                random.NextBytes(noise);
                bytes.InsertRange(at, noise);
                break;
            case 7 when bytes.Count > 1:
                // A digit replaced with a large number: lengths, ports, rates.
                var digit = bytes.FindIndex(Math.Min(at, bytes.Count - 1), b => b is >= (byte)'0' and <= (byte)'9');
                if (digit >= 0)
                {
                    bytes.InsertRange(digit, Encoding.ASCII.GetBytes(Pick(random, ["9999999999", "-1", "0", "65536", "2147483648"])));
                }

                break;
            default:
                bytes.InsertRange(at, Encoding.ASCII.GetBytes(Pick(random, ["\r\n", " ", "\0", ":"])));
                break;
        }
    }
}
