namespace MediaOrleans.Grains.Audio;

/// <summary>Decoded audio: interleaved float samples in [-1, 1].</summary>
/// <param name="Samples">Interleaved samples (frames × channels).</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">Samples per frame.</param>
public sealed record PcmAudio(float[] Samples, int SampleRate, int Channels)
{
    /// <summary>Number of frames (samples per channel).</summary>
    public int Frames => Samples.Length / Channels;
}
