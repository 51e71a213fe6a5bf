using NLayer;

namespace MediaOrleans.Grains.Audio;

/// <summary>Decodes MP3 (MPEG 1/2/2.5 Layer III, including mod_shout's 8 kHz MPEG-2.5) with NLayer.</summary>
public static class Mp3Decoder
{
    /// <summary>Decodes all of <paramref name="mp3"/>.</summary>
    public static PcmAudio Decode(byte[] mp3)
    {
        using var file = new MpegFile(new MemoryStream(mp3, writable: false));
        var samples = new List<float[]>();
        var total = 0;
        var buffer = new float[16 * 1152];
        int read;
        while ((read = file.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            samples.Add(buffer[..read]);
            total += read;
        }

        var all = new float[total];
        var offset = 0;
        foreach (var block in samples)
        {
            block.CopyTo(all, offset);
            offset += block.Length;
        }

        return new PcmAudio(all, file.SampleRate, file.Channels);
    }
}
