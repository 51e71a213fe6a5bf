using System.Globalization;

namespace MediaOrleans.Fuzz;

/// <summary>Whether the silo process lives, and its resident memory, from <c>/proc</c>.</summary>
public sealed class SiloProbe(int pid)
{
    /// <summary>Whether the process exists and is not a zombie (always true without a pid).</summary>
    public bool Alive => pid == 0 || (ReadStatus("State:") is { } state && !state.StartsWith('Z'));

    /// <summary>Resident memory in MiB, or 0 without a pid.</summary>
    public long RssMegabytes =>
        pid != 0 && ReadStatus("VmRSS:") is { } rss ? long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / 1024 : 0;

    private string? ReadStatus(string field)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal))?[field.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
