using System.Buffers;

namespace MediaOrleans.Tests.Wire;

/// <summary>Builds multi-segment sequences, as a pipe hands over bytes that arrived in pieces.</summary>
internal static class SegmentedBuffer
{
    /// <summary>A sequence of the given pieces, one segment each (empty pieces included).</summary>
    public static ReadOnlySequence<byte> Of(params byte[][] pieces)
    {
        if (pieces.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(pieces[0], 0);
        var last = first;
        foreach (var piece in pieces.AsSpan(1))
        {
            last = last.Append(piece);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="bytes"/> cut into two segments at <paramref name="position"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int position) =>
        Of(bytes[..position], bytes[position..]);

    /// <summary><paramref name="bytes"/> with every byte in its own segment.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        Of([.. bytes.Select(b => new[] { b })]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
