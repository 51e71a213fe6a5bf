using CsCheck;
using MediaOrleans.Silo.Wire;

namespace MediaOrleans.Tests.Wire;

/// <summary>Random and mutated input never breaks the parser's contract.</summary>
public sealed partial class RequestHeadParserTests
{
    private static readonly HeadLimits SmallLimits = new(256, 8);

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
        Gen.Select(Gen.Int[0, RealHeads.All.Count - 1], Gen.Int.Array[0, 4], HeadByte.Array[4], Gen.Int[0, 100])
            .Select((index, positions, values, keepPercent) =>
            {
                var bytes = HeadParse.Bytes(RealHeads.All.Values.ElementAt(index).Text + "body");
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
            AssertContract(HeadParse.Parse(bytes, HeadParse.DefaultLimits), HeadParse.DefaultLimits);
            AssertContract(HeadParse.Parse(bytes, SmallLimits), SmallLimits);
        }, iter: 20_000);
    }

    [Fact]
    public void Parse_RandomBytesSplitAnywhere_SameAsOneSegment()
    {
        Gen.OneOf<byte[]>(RandomBytes, MutatedHeads).SelectMany(bytes => Gen.Int[0, bytes.Length].Select(position => (bytes, position)))
            .Sample((bytes, position) =>
            {
                var whole = RequestHeadParser.Parse(new(bytes), SmallLimits);
                var split = RequestHeadParser.Parse(SegmentedBuffer.SplitAt(bytes, position), SmallLimits);
                Assert.Equal(HeadParse.Describe(whole), HeadParse.Describe(split));
            }, iter: 10_000);
    }

    private static void AssertContract(HeadParseResult result, HeadLimits limits)
    {
        switch (result.Status)
        {
            case HeadParseStatus.Incomplete:
                Assert.Null(result.Head);
                Assert.Equal(HeadRejection.None, result.Rejection);
                Assert.Equal(0, result.Consumed);
                break;
            case HeadParseStatus.Complete:
                Assert.NotNull(result.Head);
                Assert.Equal(HeadRejection.None, result.Rejection);
                Assert.InRange(result.Consumed, 1, limits.MaxHeadBytes);
                Assert.InRange(result.Head.Headers.Count, 0, limits.MaxHeaderCount);
                break;
            case HeadParseStatus.Rejected:
                Assert.Null(result.Head);
                Assert.NotEqual(HeadRejection.None, result.Rejection);
                Assert.NotEqual(HeadRejection.HeadTimeout, result.Rejection);
                break;
            default:
                Assert.Fail($"unexpected status {result.Status}");
                break;
        }
    }
}
