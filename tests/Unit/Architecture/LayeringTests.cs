using System.Text.RegularExpressions;

namespace MediaOrleans.Tests.Architecture;

/// <summary>
/// Imports point down (docs/ARCHITECTURE.md): read from the sources, every namespace's
/// <c>using MediaOrleans.…</c> lines must form no cycle, and the bottom rooms import nothing of
/// the project.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Imports = new(ReadImports);

    [Fact]
    public void Imports_FormNoCycle()
    {
        var graph = Imports.Value;
        Assert.True(graph.Count > 20, $"only {graph.Count} namespaces read; is the source tree where the test looks?");
        foreach (var start in graph.Keys)
        {
            var cycle = FindCycle(graph, start, [start]);
            Assert.True(cycle is null, $"imports go round: {string.Join(" -> ", cycle ?? [])}");
        }
    }

    [Theory]
    [InlineData("MediaOrleans.Silo.Wire")]
    [InlineData("MediaOrleans.Silo.Configuration")]
    [InlineData("MediaOrleans.Grains.Concurrency")]
    [InlineData("MediaOrleans.Grains.Telemetry")]
    public void BottomRoom_ImportsNothingOfTheProject(string room)
    {
        Assert.Empty(Imports.Value[room]);
    }

    [Theory]
    [InlineData("MediaOrleans.Silo.Http", "MediaOrleans.Silo.Shout")]
    [InlineData("MediaOrleans.Silo.Shout", "MediaOrleans.Silo.Http")]
    [InlineData("MediaOrleans.Silo.Live", "MediaOrleans.Silo.Playback")]
    [InlineData("MediaOrleans.Silo.Urls", "MediaOrleans.Silo.Http")]
    [InlineData("MediaOrleans.Grains.Storage", "MediaOrleans.Grains.Recordings")]
    public void Room_DoesNotImportARoomAboveOrBesideIt(string room, string forbidden)
    {
        Assert.DoesNotContain(forbidden, Imports.Value[room]);
    }

    private static List<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph, string node, List<string> path)
    {
        foreach (var next in graph.GetValueOrDefault(node) ?? [])
        {
            if (next == path[0])
            {
                return [.. path, next];
            }

            if (!path.Contains(next) && FindCycle(graph, next, [.. path, next]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static Dictionary<string, HashSet<string>> ReadImports()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (NamespaceLine().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var room = declared.Groups[1].Value;
            var imports = graph.TryGetValue(room, out var known) ? known : graph[room] = [];
            foreach (Match used in UsingLine().Matches(text))
            {
                if (used.Groups[1].Value != room)
                {
                    imports.Add(used.Groups[1].Value);
                }
            }
        }

        return graph;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MediaOrleans.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace (MediaOrleans[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (MediaOrleans[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
