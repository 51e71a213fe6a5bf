using System.Diagnostics;
using System.Globalization;
using MediaOrleans.Soak.Cluster;
using MediaOrleans.Soak.History;

namespace MediaOrleans.Soak.Load;

/// <summary>
/// Joins the MP3 prompt's continuous (extant) stream on a random silo for a few seconds, again and
/// again; a listen is ok when it got audio that ffmpeg decodes without error.
/// </summary>
public sealed class Listener(SoakSettings settings, SoakCluster cluster, HistoryLog history, string mediaName)
{
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var random = new Random(settings.Seed * 31 + 202);
        using var api = new SoakApi(settings.RequestTimeout);
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"listen{n}");
            var silo = random.Next(cluster.Silos.Count);
            history.Add(at => new SoakEvent(at, EventTypes.Start, OpKinds.Listen, id, silo, Detail: mediaName));
            try
            {
                var url = await api.StreamUrlAsync(cluster.Silos[silo].HttpBase, new { mediaName, streamType = "extant" }, abort);
                var bytes = await SoakApi.ReadForAsync(url, settings.ListenLength, abort);
                var error = bytes.Length == 0 ? "no audio" : await DecodeErrorAsync(bytes, abort);
                history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Listen, id, silo, error is null, bytes.Length, Digests.Of(bytes), Detail: error));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !abort.IsCancellationRequested)
            {
                history.Add(at => new SoakEvent(at, EventTypes.End, OpKinds.Listen, id, silo, false, Detail: ex.Message));
            }

            await Task.Delay(settings.ListenInterval, abort);
        }
    }

    /// <summary>ffmpeg's complaint about <paramref name="mp3"/>, or null when it decodes cleanly.</summary>
    private static async Task<string?> DecodeErrorAsync(byte[] mp3, CancellationToken abort)
    {
        var start = new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "mp3", "-i", "pipe:0", "-f", "null", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(abort);
        await process.StandardInput.BaseStream.WriteAsync(mp3, abort);
        process.StandardInput.Close();
        await process.WaitForExitAsync(abort);
        var text = (await errors).Trim();
        return process.ExitCode == 0 && text.Length == 0 ? null : $"ffmpeg exit {process.ExitCode}: {text}";
    }
}
