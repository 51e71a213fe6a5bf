using CsCheck;
using MediaOrleans.Silo.Shout;

namespace MediaOrleans.Tests.Shout;

/// <summary>Random and mutated input never breaks the parser's contract.</summary>
public sealed partial class ShoutRequestParserTests
{
    private static readonly ShoutParserLimits SmallLimits = new(256, 8);

    // Mostly printable ASCII with line breaks, spaces and colons, so heads get far enough to be interesting.
    private static readonly Gen<byte> HeadByte = Gen.Frequency<byte>(
        (6, Gen.Byte[0x20, 0x7E]),
        (3, Gen.OneOf<byte>((byte)'\r', (byte)'\n', (byte)' ', (byte)':', (byte)'/')),
        (1, Gen.Byte));

    private static readonly Gen<byte[]> RandomBytes = Gen.OneOf<byte[]>(
        Gen.Byte.Array[0, 600],
        HeadByte.Array[0, 600]);

    // A client head with a few bytes replaced and possibly cut short.
    private static readonly Gen<byte[]> MutatedHeads =
        Gen.Select(Gen.Int[0, ShoutHeads.All.Count - 1], Gen.Int.Array[0, 4], HeadByte.Array[4], Gen.Int[0, 100])
            .Select((index, positions, values, keepPercent) =>
            {
                var bytes = ShoutParse.Bytes(ShoutHeads.All.Values.ElementAt(index).Text + "body");
                for (var i = 0; i < positions.Length; i++)
                {
                    bytes[(int)((uint)positions[i] % (uint)bytes.Length)] = values[i];
                }

                return bytes[..(bytes.Length * keepPercent / 100)];
            });

    [Fact]
    public void Parse_RandomBytes_NeverThrowsAndKeepsContract()
    {
        Gen.OneOf<byte[]>(RandomBytes, MutatedHeads).Sample(bytes =>
        {
            AssertContract(ShoutParse.Parse(bytes, ShoutParse.DefaultLimits), ShoutParse.DefaultLimits);
            AssertContract(ShoutParse.Parse(bytes, SmallLimits), SmallLimits);
        }, iter: 20_000);
    }

    [Fact]
    public void Parse_RandomBytesSplitAnywhere_SameAsOneSegment()
    {
        Gen.OneOf<byte[]>(RandomBytes, MutatedHeads).SelectMany(bytes => Gen.Int[0, bytes.Length].Select(position => (bytes, position)))
            .Sample((bytes, position) =>
            {
                var whole = ShoutRequestParser.Parse(new(bytes), SmallLimits);
                var split = ShoutRequestParser.Parse(SegmentedBuffer.SplitAt(bytes, position), SmallLimits);
                Assert.Equal(ShoutParse.Describe(whole), ShoutParse.Describe(split));
            }, iter: 10_000);
    }

    private static void AssertContract(ShoutParseResult result, ShoutParserLimits limits)
    {
        switch (result.Status)
        {
            case ShoutParseStatus.Incomplete:
                Assert.Null(result.Head);
                Assert.Equal(ShoutRejection.None, result.Rejection);
                Assert.Equal(0, result.Consumed);
                break;
            case ShoutParseStatus.Complete:
                Assert.NotNull(result.Head);
                Assert.Equal(ShoutRejection.None, result.Rejection);
                Assert.InRange(result.Consumed, 1, limits.MaxHeadBytes);
                Assert.InRange(result.Head.Headers.Count, 0, limits.MaxHeaderCount);
                break;
            case ShoutParseStatus.Rejected:
                Assert.Null(result.Head);
                Assert.NotEqual(ShoutRejection.None, result.Rejection);
                Assert.NotEqual(ShoutRejection.HeadTimeout, result.Rejection);
                break;
            default:
                Assert.Fail($"unexpected status {result.Status}");
                break;
        }
    }
}
