namespace MediaOrleans.IntegrationTests.Infrastructure;

/// <summary>Where the repository, its tools folder and the shared material are.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding MediaOrleans.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Project-local tools installed by scripts/install-test-deps.sh.</summary>
    public static string Tools => Path.Combine(Root, ".tools");

    /// <summary>The silo assembly built in the same configuration as these tests.</summary>
    public static string SiloAssembly => BuiltAssembly("Silo", "MediaOrleans.Silo.dll");

    /// <summary>The mediactl assembly built in the same configuration as these tests.</summary>
    public static string MediactlAssembly => BuiltAssembly("Cli", "mediactl.dll");

    private static string BuiltAssembly(string project, string assembly)
    {
        // Tests run from tests/Integration/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", assembly);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MediaOrleans.sln not found above " + AppContext.BaseDirectory);
    }
}
