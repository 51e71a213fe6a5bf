namespace MediaOrleans.Grains.Audio;

/// <summary>
/// Measures the audio duration of an MP3 stream as it arrives in arbitrary pieces (a recording
/// from mod_shout), without keeping it: frame headers are read across piece boundaries, a
/// leading ID3v2 tag is skipped, and bytes that are not a frame header are stepped over.
/// </summary>
public sealed class Mp3StreamMeter
{
    private readonly byte[] _head = new byte[10];
    private int _headFill;
    private long _skip;
    private bool _started;
    private long _samples;

    /// <summary>Sample rate of the frames seen (0 before the first frame).</summary>
    public int SampleRate { get; private set; }

    /// <summary>Complete or started frames seen.</summary>
    public long Frames { get; private set; }

    /// <summary>Playing time of the frames seen, in milliseconds.</summary>
    public long DurationMs => SampleRate == 0 ? 0 : _samples * 1000 / SampleRate;

    /// <summary>Feeds the next bytes of the stream.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, data.Length);
                _skip -= n;
                data = data[n..];
                continue;
            }

            var need = _started ? Mp3FrameHeader.Size : _head.Length;
            var take = Math.Min(need - _headFill, data.Length);
            data[..take].CopyTo(_head.AsSpan(_headFill));
            _headFill += take;
            data = data[take..];
            if (_headFill == need)
            {
                Consume();
            }
        }
    }

    private void Consume()
    {
        if (!_started)
        {
            // The very first bytes may be an ID3v2 tag (ffmpeg sends one unless told not to).
            _started = true;
            var tag = Mp3Inspector.Id3v2Length(_head);
            if (tag > 0)
            {
                _skip = tag - _head.Length;
                _headFill = 0;
                return;
            }

            // Not a tag: re-feed the ten bytes as frame data.
            var bytes = _head.ToArray();
            _headFill = 0;
            Append(bytes);
            return;
        }

        if (Mp3FrameHeader.TryParse(_head, out var header) && (SampleRate == 0 || header.SampleRate == SampleRate))
        {
            SampleRate = header.SampleRate;
            _samples += header.SamplesPerFrame;
            Frames++;
            _skip = header.FrameLength - Mp3FrameHeader.Size;
            _headFill = 0;
            return;
        }

        // Not a header: slide one byte and look again.
        _head.AsSpan(1, 3).CopyTo(_head);
        _headFill = 3;
    }
}
